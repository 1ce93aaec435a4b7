import { BoundedTtlMap } from '@teranode-p2p/bounded-collections';
import { retryDelay, type RetryDelayOptions } from '@teranode-p2p/kafka';

/** More partitions than one bridge is ever assigned; the map cannot grow past it. */
const MAX_TRACKED_PARTITIONS = 4_096;
/** A partition not retried for this long starts counting again. */
const ATTEMPTS_TTL_MS = 60 * 60_000;
/**
 * Longer than one attempt can take beyond its backoff: kafkajs' own retries of a send to a
 * broker that is down take up to about a minute before the attempt fails.
 */
const ATTEMPT_SLACK_MS = 60_000;

interface FailingRecord {
  offset: string;
  count: number;
  firstFailedAt: number;
  lastFailedAt: number;
  lastError: string;
}

/** The partition whose first unhandled record has been failing longest. */
export interface StuckPartition {
  partition: string;
  offset: string;
  attempts: number;
  stalledMs: number;
  lastError: string;
}

/** A partition whose first unhandled record was handled after failed attempts. */
export interface PartitionRecovery {
  attempts: number;
  stalledMs: number;
  lastError: string;
}

/** The log entry of a partition that moves again, as its failures were logged. */
export function recoveryEntry(
  record: { topic: string; partition: number },
  recovery: PartitionRecovery,
) {
  return {
    msg: `${record.topic} partition ${record.partition} moves again after ${recovery.attempts} failed attempts in ${recovery.stalledMs} ms (last: ${recovery.lastError})`,
    topic: record.topic,
    partition: record.partition,
    ...recovery,
  };
}

/**
 * Failed attempts of the first unhandled record of each partition, so the wait grows, the
 * record is given up on after the last attempt, and a partition that stops moving shows.
 */
export class RetrySchedule {
  private readonly attempts = new BoundedTtlMap<string, FailingRecord>({
    maxSize: MAX_TRACKED_PARTITIONS,
    ttlMs: ATTEMPTS_TTL_MS,
  });

  constructor(
    private readonly delays: RetryDelayOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one more failed attempt of this record; returns how many have failed. */
  failed(record: { topic: string; partition: number; offset: string }, error: string): number {
    const id = `${record.topic}/${record.partition}`;
    const previous = this.attempts.get(id);
    const now = this.now();
    const same = previous?.offset === record.offset;
    const count = same ? previous.count + 1 : 1;
    const firstFailedAt = same ? previous.firstFailedAt : now;
    this.attempts.set(id, {
      offset: record.offset,
      count,
      firstFailedAt,
      lastFailedAt: now,
      lastError: error,
    });
    return count;
  }

  /** Forgets the partition's failed attempts; returns them, when there were any, to be told. */
  succeeded(record: { topic: string; partition: number }): PartitionRecovery | undefined {
    const id = `${record.topic}/${record.partition}`;
    const failing = this.attempts.get(id);
    if (!failing) return undefined;
    this.attempts.delete(id);
    return {
      attempts: failing.count,
      stalledMs: this.now() - failing.firstFailedAt,
      lastError: failing.lastError,
    };
  }

  delay(attempts: number): number {
    return retryDelay(attempts, this.delays);
  }

  get pending(): number {
    return this.attempts.size;
  }

  /**
   * The partition failing longest among those still being retried: one whose last attempt is
   * older than its backoff allows has moved to another replica (or stopped) and is not counted.
   */
  stuckLongest(): StuckPartition | undefined {
    const now = this.now();
    let longest: StuckPartition | undefined;
    for (const [partition, record] of this.attempts.entries()) {
      if (now - record.lastFailedAt > this.delays.maxMs + ATTEMPT_SLACK_MS) continue;
      const stalledMs = now - record.firstFailedAt;
      if (longest && longest.stalledMs >= stalledMs) continue;
      longest = {
        partition,
        offset: record.offset,
        attempts: record.count,
        stalledMs,
        lastError: record.lastError,
      };
    }
    return longest;
  }
}
