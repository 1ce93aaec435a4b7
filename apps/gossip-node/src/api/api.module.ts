import { Module } from '@nestjs/common';
import { BansModule } from '../bans/bans.module.js';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule } from '../host/host.module.js';
import { NodeModule } from '../node/node.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { GossipNodeController } from './gossip-node.controller.js';
import { PeerRegistryController } from './peer-registry.controller.js';
import { PeerServiceController } from './peer-service.controller.js';

/** The gRPC API: Teranode's p2p_api.PeerService and gossip_node.GossipNode. */
@Module({
  imports: [HostModule, GossipModule, BansModule, RegistryModule, SyncModule, NodeModule],
  controllers: [PeerServiceController, PeerRegistryController, GossipNodeController],
})
export class ApiModule {}
