import { BoundedTtlMap } from '@teranode-p2p/bounded-collections';
import { retryDelay, type RetryDelayOptions } from '@teranode-p2p/kafka-translation';

/** More partitions than one bridge is ever assigned; the map cannot grow past it. */
const MAX_TRACKED_PARTITIONS = 4_096;
/** A partition not retried for this long starts counting again. */
const ATTEMPTS_TTL_MS = 60 * 60_000;

/**
 * Failed attempts of the first unhandled record of each partition, so the wait grows and the
 * record is given up on after the last attempt.
 */
export class RetrySchedule {
  private readonly attempts = new BoundedTtlMap<string, { offset: string; count: number }>({
    maxSize: MAX_TRACKED_PARTITIONS,
    ttlMs: ATTEMPTS_TTL_MS,
  });

  constructor(private readonly delays: RetryDelayOptions) {}

  /** Counts one more failed attempt of this record; returns how many have failed. */
  failed(record: { topic: string; partition: number; offset: string }): number {
    const id = `${record.topic}/${record.partition}`;
    const previous = this.attempts.get(id);
    const count = previous?.offset === record.offset ? previous.count + 1 : 1;
    this.attempts.set(id, { offset: record.offset, count });
    return count;
  }

  succeeded(record: { topic: string; partition: number }): void {
    this.attempts.delete(`${record.topic}/${record.partition}`);
  }

  delay(attempts: number): number {
    return retryDelay(attempts, this.delays);
  }

  get pending(): number {
    return this.attempts.size;
  }
}
