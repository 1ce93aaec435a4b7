import type { PartitionLag } from './consumer-lag.js';

/** A consumed partition's position (the next offset to handle) and the records after it. */
export interface PartitionPosition extends PartitionLag {
  position: bigint;
}

/** Fewest and most milliseconds between two reads of a consumer's positions. */
const MIN_SAMPLE_MS = 200;
const MAX_SAMPLE_MS = 10_000;

/**
 * Partitions with records waiting whose position does not move. A handler that never returns
 * or a member stuck rejoining its group fails nothing and crashes nothing, yet nothing gets
 * handled: read the positions every few seconds (a third of `stallAfterMs`, at most 10 s), and
 * a partition behind whose position has stayed put for longer than `stallAfterMs` is stalled.
 * Holds at most the partitions the consumer owns.
 */
export class PartitionProgress {
  private readonly behind = new Map<string, { position: bigint; since: number; lag: number }>();
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(
    private readonly read: () => Promise<PartitionPosition[]>,
    private readonly stallAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    const everyMs = Math.min(MAX_SAMPLE_MS, Math.max(MIN_SAMPLE_MS, this.stallAfterMs / 3));
    this.timer ??= setInterval(() => void this.sample(), everyMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.behind.clear();
  }

  /** Reads the positions now; a read that fails (broker unreachable) changes nothing. */
  async sample(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      this.observe(await this.read());
    } catch {
      // The connection check reports an unreachable broker; the clocks keep running meanwhile.
    } finally {
      this.reading = false;
    }
  }

  observe(positions: readonly PartitionPosition[]): void {
    const waiting = new Set<string>();
    for (const { topic, partition, position, lag } of positions) {
      if (lag <= 0) continue;
      const key = `${topic}/${partition}`;
      waiting.add(key);
      const entry = this.behind.get(key);
      if (entry?.position === position) entry.lag = lag;
      else this.behind.set(key, { position, since: this.now(), lag });
    }
    for (const key of this.behind.keys()) if (!waiting.has(key)) this.behind.delete(key);
  }

  /** A record of `topic/partition` was handled: its clock stops until a read finds it behind again. */
  moved(partitionKey: string): void {
    this.behind.delete(partitionKey);
  }

  /** The partition stalled longest, once that is longer than `stallAfterMs`; undefined otherwise. */
  stalled(): string | undefined {
    let oldest: [string, { position: bigint; since: number; lag: number }] | undefined;
    for (const entry of this.behind)
      if (!oldest || entry[1].since < oldest[1].since) oldest = entry;
    if (!oldest) return undefined;
    const [key, { position, since, lag }] = oldest;
    const stalledMs = this.now() - since;
    if (stalledMs <= this.stallAfterMs) return undefined;
    return `no record handled for ${Math.round(stalledMs / 1000)} s while ${lag} wait on ${key}@${position}`;
  }
}
