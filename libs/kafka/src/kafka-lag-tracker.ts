import type { Admin } from 'kafkajs';
import type { PartitionPosition } from './partition-progress.js';

/**
 * A kafkajs consumer's own position: the partitions its group assigned to it and, per
 * partition, the offset after the last record it handled (ahead of the committed offset between
 * commits). Lag is the partition's high watermark minus the later of that and the group's
 * committed offset, read from the broker when asked. A member that joins again starts from the
 * committed offsets (kafkajs drops what it had not committed), so a join forgets what was handled.
 */
export class KafkaLagTracker {
  private assigned = new Map<string, number[]>();
  /** `topic/partition` → next offset to handle; only assigned partitions, so bounded by them. */
  private readonly handled = new Map<string, bigint>();

  constructor(
    private readonly groupId: string,
    private readonly fromBeginning: boolean,
    private readonly withAdmin: <T>(work: (admin: Admin) => Promise<T>) => Promise<T>,
  ) {}

  assign(assignment: Record<string, number[]>): void {
    this.assigned = new Map(Object.entries(assignment).filter(([, p]) => p.length > 0));
    this.handled.clear();
  }

  handledUpTo(topic: string, partition: number, offset: string): void {
    const key = `${topic}/${partition}`;
    const next = BigInt(offset) + 1n;
    if (next > (this.handled.get(key) ?? -1n)) this.handled.set(key, next);
  }

  clear(): void {
    this.assigned.clear();
    this.handled.clear();
  }

  async lag(): Promise<PartitionPosition[]> {
    if (this.assigned.size === 0) return [];
    const topics = [...this.assigned.keys()];
    // One request at a time: kafkajs refreshes its broker list for a new topic, and a request
    // made meanwhile finds no broker.
    const [committed, ends] = await this.withAdmin(async (admin) => {
      const ends = [];
      for (const topic of topics) ends.push(await admin.fetchTopicOffsets(topic));
      return [await admin.fetchOffsets({ groupId: this.groupId, topics }), ends] as const;
    });
    const committedAt = new Map<string, bigint>();
    for (const { topic, partitions } of committed) {
      for (const { partition, offset } of partitions)
        committedAt.set(`${topic}/${partition}`, BigInt(offset));
    }
    const lags: PartitionPosition[] = [];
    topics.forEach((topic, index) => {
      const byPartition = new Map(ends[index]!.map((end) => [end.partition, end]));
      for (const partition of this.assigned.get(topic)!) {
        const end = byPartition.get(partition);
        if (!end) continue;
        const key = `${topic}/${partition}`;
        const low = BigInt(end.low);
        const high = BigInt(end.high);
        let position = max(committedAt.get(key) ?? -1n, this.handled.get(key) ?? -1n);
        // Nothing committed or handled yet: the group starts at the oldest or the newest record.
        if (position < 0n) position = this.fromBeginning ? low : high;
        position = max(position, low);
        lags.push({ topic, partition, position, lag: Number(max(high - position, 0n)) });
      }
    });
    return lags;
  }
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
