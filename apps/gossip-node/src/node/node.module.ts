import {
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { P2pEventPublisher } from '../bus/p2p-event-publisher.js';
import { P2pEventsModule } from '../bus/p2p-events.module.js';
import { ChainModule } from '../chain/chain.module.js';
import { ChainState } from '../chain/chain-state.js';
import { GossipModule } from '../gossip/gossip.module.js';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import { HostModule, InjectHost } from '../host/host.module.js';
import { NodeReadiness } from './node-readiness.js';
import { NodeStatusAnnouncer } from './node-status-announcer.js';
import { NodeStatusService } from './node-status.service.js';
import { ownStatusToBus } from './own-status-event.js';

/**
 * The node's own status: announced (p2p_node_status_enabled) at the host's start, every 10 s
 * and after each own block, each one also put on the bus; and the node's readiness checks.
 */
@Module({
  imports: [HostModule, GossipModule, P2pEventsModule, ChainModule],
  providers: [NodeStatusService, NodeReadiness],
  exports: [NodeStatusService],
})
export class NodeModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly announcer: NodeStatusAnnouncer | undefined;

  constructor(
    @InjectSettings() settings: Settings,
    status: NodeStatusService,
    publisher: GossipPublisher,
    events: P2pEventPublisher,
    @InjectHost() host: Libp2pHost,
    private readonly chain: ChainState,
  ) {
    if (!settings.p2p_node_status_enabled) return;
    const toBus = ownStatusToBus(events, host.peerId.toString());
    this.announcer = new NodeStatusAnnouncer(
      publisher,
      () => status.current(),
      toBus,
      new Logger('GossipNode'),
    );
  }

  onApplicationBootstrap(): void {
    const announcer = this.announcer;
    if (!announcer) return;
    this.chain.ownBlockListeners.add(this.announceAfterBlock);
    announcer.start();
  }

  beforeApplicationShutdown(): void {
    this.chain.ownBlockListeners.delete(this.announceAfterBlock);
    this.announcer?.stop();
  }

  private readonly announceAfterBlock = (): void => void this.announcer?.announce();
}
