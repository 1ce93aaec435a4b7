import type { StampedEvent } from '../persistence/ban-transaction.js';
import type { BanState } from './ban-state.js';
import { ChangeFeed } from './change-feed.js';

/** The embedded database has a single replica: changes are applied right after commit. */
export class LocalChangeFeed extends ChangeFeed {
  constructor(private readonly state: BanState) {
    super();
  }

  async start(): Promise<void> {}

  async applied(events: StampedEvent[]): Promise<void> {
    for (const { event } of events) this.state.apply(event);
  }

  async stop(): Promise<void> {}
}
