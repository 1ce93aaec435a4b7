import type { StampedEvent } from '../persistence/ban-transaction.js';

/**
 * How committed changes reach this replica's BanState. With Postgres: LISTEN, so every replica
 * applies every change in commit order, and a caller waits until its own change is applied.
 * With the embedded database (one replica only): applied directly after commit.
 */
export abstract class ChangeFeed {
  abstract start(): Promise<void>;
  /** Resolves once these committed events are applied to this replica's state. */
  abstract applied(events: StampedEvent[]): Promise<void>;
  abstract stop(): Promise<void>;
  /** Committed changes whose callers wait for them to be applied here. */
  get waiting(): number {
    return 0;
  }
}
