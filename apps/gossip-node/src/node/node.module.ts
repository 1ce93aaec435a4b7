import { Module } from '@nestjs/common';
import { P2pEventsModule } from '../bus/p2p-events.module.js';
import { ChainModule } from '../chain/chain.module.js';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule } from '../host/host.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { NodeReadiness } from './node-readiness.js';
import { NodeStatusAnnouncer } from './node-status-announcer.js';
import { NodeStatusService } from './node-status.service.js';

/** The node's own status (announced, and put on the bus) and its readiness checks. */
@Module({
  imports: [HostModule, GossipModule, P2pEventsModule, ChainModule, SyncModule],
  providers: [NodeStatusService, NodeStatusAnnouncer, NodeReadiness],
  exports: [NodeStatusService],
})
export class NodeModule {}
