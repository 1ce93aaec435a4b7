/**
 * What a consumer's eachBatch throws when the product's handler failed: kafkajs gives a
 * consumer up for good (CRASH, restart=false) when the error it gets is, or is caused by, one
 * it counts as non-retriable — a TypeError or RangeError, or a Kafka error such as
 * TOPIC_AUTHORIZATION_FAILED from a send inside the handler. A handler's failure only means
 * "try these records again", so kafkajs gets a retriable error with no `cause` (it follows the
 * cause chain to decide); the handler's own error stays in `failure`.
 */
export class HandlerFailure extends Error {
  override readonly name = 'HandlerFailure';
  readonly retriable = true;

  constructor(readonly failure: unknown) {
    super(`handler failed: ${messageOf(failure)}`);
  }
}

/** How long a consumer's handler may keep failing before it counts as stalled (kafka_stall_timeout's default). */
export const DEFAULT_STALL_AFTER_MS = 30_000;

/**
 * Partitions whose records a consumer's handler keeps failing on, with no success in between:
 * those records are tried again for as long as that lasts, so past a while the partition is
 * stalled. Holds at most the partitions the consumer reads.
 */
export class FailingHandler {
  private readonly failing = new Map<string, { since: number; last: string }>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Runs the handler of records of `partition` (`topic/partition`), the first at `offset`
   * when known; whatever it throws is noted and reaches kafkajs as a HandlerFailure.
   */
  async run<T>(partition: string, handler: () => Promise<T>, offset?: string): Promise<T> {
    let result: T;
    try {
      result = await handler();
    } catch (error) {
      const since = this.failing.get(partition)?.since ?? this.now();
      const where = offset === undefined ? partition : `${partition}@${offset}`;
      this.failing.set(partition, { since, last: `${where}: ${messageOf(error)}` });
      throw error instanceof HandlerFailure ? error : new HandlerFailure(error);
    }
    this.failing.delete(partition);
    return result;
  }

  /** Forgets the partitions not in `owned` (`topic/partition`): another member reads them now. */
  keepOnly(owned: ReadonlySet<string>): void {
    for (const partition of this.failing.keys()) if (!owned.has(partition)) this.forget(partition);
  }

  /** Forgets a partition another member reads now. */
  forget(partition: string): void {
    this.failing.delete(partition);
  }

  /** The partition failing longest, once that is longer than `ms`; undefined otherwise. */
  stalledLongerThan(ms: number): string | undefined {
    let oldest: { since: number; last: string } | undefined;
    for (const entry of this.failing.values())
      if (!oldest || entry.since < oldest.since) oldest = entry;
    if (!oldest) return undefined;
    const failingMs = this.now() - oldest.since;
    if (failingMs <= ms) return undefined;
    return `its handler has failed for ${Math.round(failingMs / 1000)} s, last on ${oldest.last}`;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
