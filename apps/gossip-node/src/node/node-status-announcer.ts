import type { NodeStatusMessage } from '@teranode-p2p/gossip';
import type { GossipPublisher } from '../gossip/outbound-gossip.js';
import type { NodeLog } from './node-log.js';

/** Teranode publishes node_status at start and every 10 s (reference-service.md §2.6). */
export const NODE_STATUS_INTERVAL_MS = 10_000;

/** Told of each node_status the network took, with the gossip topic it went out on. */
export type OnStatusAnnounced = (status: NodeStatusMessage, topic: string) => void;

export class NodeStatusAnnouncer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly publisher: GossipPublisher,
    private readonly status: () => NodeStatusMessage,
    private readonly announced: OnStatusAnnounced,
    private readonly log: NodeLog,
    private readonly intervalMs = NODE_STATUS_INTERVAL_MS,
  ) {}

  start(): void {
    void this.announce();
    this.timer = setInterval(() => void this.announce(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Publishes node_status; only a published one is passed on, as Teranode shows it (§2.6). */
  async announce(): Promise<void> {
    const status = this.status();
    let topic: string;
    try {
      ({ topic } = await this.publisher.publish({ kind: 'nodeStatus', message: status }));
    } catch (error) {
      this.log.warn(`publishing node_status failed: ${(error as Error).message}`);
      return;
    }
    this.announced(status, topic);
  }
}
