import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import type { NodeStatusMessage } from '@teranode-p2p/gossip';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { P2pEventPublisher } from '../bus/p2p-event-publisher.js';
import { BlockchainListener } from '../chain/blockchain-listener.js';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { NodeStatusService } from './node-status.service.js';
import { NODE_STATUS_INTERVAL_MS } from './own-status.js';
import { ownStatusToBus } from './own-status-event.js';

/** Teranode publishes node_status at start and every 10 s (reference-service.md §2.6). */

/** Told of each node_status the network took, with the gossip topic it went out on. */
export type OnStatusAnnounced = (status: NodeStatusMessage, topic: string) => void;

/**
 * With p2p_node_status_enabled, announces the node's status from the host's start until before
 * it stops: at once, every 10 s and after each own block; each one the network took is also put
 * on the bus (ownStatusToBus).
 */
@Injectable()
export class NodeStatusAnnouncer {
  private timer: NodeJS.Timeout | undefined;
  private readonly log = new Logger('GossipNode');
  private readonly toBus: OnStatusAnnounced;

  constructor(
    @InjectSettings() private readonly settings: Pick<Settings, 'p2p_node_status_enabled'>,
    @Inject(GossipPublisher) private readonly publisher: GossipPublisher,
    @Inject(NodeStatusService) private readonly status: Pick<NodeStatusService, 'current'>,
    @Inject(P2pEventPublisher) events: Pick<P2pEventPublisher, 'enqueue'>,
    @InjectHost() host: Pick<Libp2pHost, 'peerId'>,
    @Inject(BlockchainListener)
    private readonly chain: Pick<BlockchainListener, 'ownBlockListeners'>,
  ) {
    this.toBus = ownStatusToBus(events, host.peerId.toString());
  }

  onApplicationBootstrap(): void {
    if (!this.settings.p2p_node_status_enabled) return;
    this.chain.ownBlockListeners.add(this.announceNow);
    this.announceNow();
    this.timer = setInterval(this.announceNow, NODE_STATUS_INTERVAL_MS);
  }

  beforeApplicationShutdown(): void {
    this.chain.ownBlockListeners.delete(this.announceNow);
    clearInterval(this.timer);
  }

  /** Publishes node_status; only a published one is passed on, as Teranode shows it (§2.6). */
  async announce(): Promise<void> {
    const status = this.status.current();
    let topic: string;
    try {
      ({ topic } = await this.publisher.publish({ kind: 'nodeStatus', message: status }));
    } catch (error) {
      this.log.warn(`publishing node_status failed: ${(error as Error).message}`);
      return;
    }
    this.toBus(status, topic);
  }

  private readonly announceNow = (): void => void this.announce();
}
