import { PartitionProgress, type PartitionPosition } from './partition-progress.js';
import { DEFAULT_STALL_AFTER_MS, FailingHandler } from './handler-failure.js';
import type {
  BusConsumer,
  BusProducer,
  ConsumerOptions,
  IncomingRecord,
  MessageBus,
  OutgoingRecord,
  RefusedRecord,
  TopicSpec,
} from './message-bus.js';
import { partitionForKey } from './partition-for-key.js';
import { fitsAlone, KAFKA_DEFAULT_MAX_MESSAGE_BYTES, tooLargeRefusal } from './record-size.js';

export interface MemoryBusOptions {
  /** Records kept per partition; older ones are dropped (and counted) like Kafka retention. */
  retentionRecords?: number;
  defaultPartitions?: number;
  /** Largest record (in a batch of its own) a topic takes, as Kafka's `max.message.bytes`. */
  maxMessageBytes?: number;
}

interface StoredRecord {
  offset: number;
  key: Buffer | null;
  value: Buffer;
  headers: Record<string, Buffer | undefined>;
  timestamp: number;
}

class PartitionLog {
  readonly records: StoredRecord[] = [];
  /** Offset of records[0]. */
  start = 0;
  next = 0;
  dropped = 0;
  private waiters: (() => void)[] = [];

  append(record: Omit<StoredRecord, 'offset'>, retention: number): void {
    this.records.push({ ...record, offset: this.next++ });
    if (this.records.length > retention) {
      this.records.shift();
      this.start++;
      this.dropped++;
    }
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }

  at(offset: number): StoredRecord | undefined {
    return this.records[offset - this.start];
  }

  waitForMore(): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    this.waiters.push(wake);
    const cancel = () => {
      this.waiters = this.waiters.filter((waiter) => waiter !== wake);
      wake();
    };
    return { promise, cancel };
  }

  /** Consumers waiting for the next record, for tests of the bound. */
  get waiting(): number {
    return this.waiters.length;
  }
}

interface Group {
  committed: Map<string, number>;
  members: MemoryConsumer[];
}

/**
 * An in-process message bus with Kafka's semantics where the services rely on them:
 * partitions chosen by key, consumer groups that share partitions, committed offsets,
 * oldest/latest start. It connects services of one process only (the embedded network).
 */
export class MemoryMessageBus implements MessageBus {
  readonly kind = 'memory' as const;
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly topicLimits = new Map<string, number>();
  private readonly groups = new Map<string, Group>();
  private readonly consumers = new Set<MemoryConsumer>();
  readonly retention: number;
  private readonly defaultPartitions: number;
  private readonly maxMessageBytes: number;

  constructor(options: MemoryBusOptions = {}) {
    this.retention = options.retentionRecords ?? 10_000;
    this.defaultPartitions = options.defaultPartitions ?? 1;
    this.maxMessageBytes = options.maxMessageBytes ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (const spec of topics) {
      if (!this.topics.has(spec.topic) && spec.maxMessageBytes !== undefined)
        this.topicLimits.set(spec.topic, spec.maxMessageBytes);
      this.log(spec.topic, spec.partitions);
    }
  }

  async createProducer(): Promise<BusProducer> {
    let open = true;
    return {
      send: async (topic: string, records: OutgoingRecord[]) => {
        if (!open) throw new Error('producer is disconnected');
        const partitions = this.log(topic);
        const limit = this.topicLimits.get(topic) ?? this.maxMessageBytes;
        const refused: RefusedRecord[] = [];
        for (const [index, record] of records.entries()) {
          if (!fitsAlone(record, limit)) {
            refused.push(tooLargeRefusal(index, record, topic, limit));
            continue;
          }
          const key = record.key == null ? null : Buffer.from(record.key);
          const partition = partitions[partitionForKey(key, partitions.length)]!;
          partition.append(
            {
              key,
              value: record.value,
              headers: toBufferHeaders(record.headers),
              timestamp: Date.now(),
            },
            this.retention,
          );
        }
        return { refused, requests: 1 };
      },
      disconnect: async () => {
        open = false;
      },
    };
  }

  createConsumer(options: ConsumerOptions): BusConsumer {
    const consumer = new MemoryConsumer(this, options);
    this.consumers.add(consumer);
    return consumer;
  }

  async checkConnection(): Promise<void> {
    // In-process: there is nothing that can be unreachable.
  }

  consumerFailures(): string[] {
    return [...this.consumers].flatMap((consumer) => consumer.failure() ?? []);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    this.consumers.clear();
  }

  /** Records currently held and records dropped by retention, for metrics. */
  stats(): { topics: number; records: number; dropped: number } {
    let records = 0;
    let dropped = 0;
    for (const partitions of this.topics.values()) {
      for (const p of partitions) {
        records += p.records.length;
        dropped += p.dropped;
      }
    }
    return { topics: this.topics.size, records, dropped };
  }

  /** @internal */
  log(topic: string, partitions?: number): PartitionLog[] {
    let logs = this.topics.get(topic);
    if (!logs) {
      logs = Array.from({ length: partitions ?? this.defaultPartitions }, () => new PartitionLog());
      this.topics.set(topic, logs);
    }
    return logs;
  }

  /** @internal */
  join(consumer: MemoryConsumer, groupId: string): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      group = { committed: new Map(), members: [] };
      this.groups.set(groupId, group);
    }
    group.members.push(consumer);
    for (const member of group.members) member.recheckOwnership();
    return group;
  }

  /** @internal */
  leave(consumer: MemoryConsumer, group: Group): void {
    group.members = group.members.filter((m) => m !== consumer);
    this.consumers.delete(consumer);
    for (const member of group.members) member.recheckOwnership();
  }
}

class MemoryConsumer implements BusConsumer {
  private running = false;
  private group?: Group;
  private loops: Promise<void>[] = [];
  private cancels = new Set<() => void>();
  /** Loops waiting for a record, woken when the group's membership changes. */
  private readonly idle = new Set<() => void>();
  private readonly failing = new FailingHandler();
  private readonly progress: PartitionProgress;
  readonly groupId: string;

  constructor(
    private readonly bus: MemoryMessageBus,
    private readonly options: ConsumerOptions,
  ) {
    this.groupId = options.groupId;
    this.progress = new PartitionProgress(
      () => this.lag(),
      options.stallAfterMs ?? DEFAULT_STALL_AFTER_MS,
    );
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.group = this.bus.join(this, this.options.groupId);
    for (const topic of this.options.topics) {
      const partitions = this.bus.log(topic);
      partitions.forEach((log, index) => {
        const key = `${topic}/${index}`;
        if (!this.group!.committed.has(key)) {
          this.group!.committed.set(key, this.options.fromBeginning ? log.start : log.next);
        }
        this.loops.push(this.consume(topic, index, log, key));
      });
    }
    this.options.lag?.add(this);
    this.progress.start();
  }

  /**
   * Its handler failing for longer than stallAfterMs (the records are tried again meanwhile),
   * or records waiting on a partition whose position has not moved for that long.
   */
  failure(): string | undefined {
    if (!this.running) return undefined;
    const stalled =
      this.failing.stalledLongerThan(this.options.stallAfterMs ?? DEFAULT_STALL_AFTER_MS) ??
      this.progress.stalled();
    return (
      stalled && `consumer group ${this.groupId} (${this.options.topics.join(', ')}): ${stalled}`
    );
  }

  /** Records appended after the group's committed offset on the partitions this member owns. */
  async lag(): Promise<PartitionPosition[]> {
    if (!this.running) return [];
    const lags: PartitionPosition[] = [];
    for (const topic of this.options.topics) {
      this.bus.log(topic).forEach((log, partition) => {
        if (!this.owns(partition)) return;
        const committed = this.group!.committed.get(`${topic}/${partition}`) ?? log.start;
        const position = Math.max(committed, log.start);
        lags.push({ topic, partition, position: BigInt(position), lag: log.next - position });
      });
    }
    return lags;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.progress.stop();
    this.options.lag?.delete(this);
    for (const cancel of this.cancels) cancel();
    await Promise.allSettled(this.loops);
    this.loops = [];
    if (this.group) this.bus.leave(this, this.group);
  }

  /** Waits, but wakes up at once when the consumer stops. */
  private async sleep(ms: number): Promise<void> {
    let wake!: () => void;
    const done = new Promise<void>((resolve) => (wake = resolve));
    const timer = setTimeout(wake, ms);
    this.cancels.add(wake);
    await done;
    clearTimeout(timer);
    this.cancels.delete(wake);
  }

  /** @internal The group's membership changed: look again at which partitions it owns. */
  recheckOwnership(): void {
    for (const wake of [...this.idle]) wake();
  }

  /** A partition belongs to one member of the group at a time, by position in the group. */
  private owns(partition: number): boolean {
    const members = this.group!.members;
    return members[partition % members.length] === this;
  }

  private async consume(
    topic: string,
    partition: number,
    log: PartitionLog,
    key: string,
  ): Promise<void> {
    const committed = this.group!.committed;
    const handledUpTo = (next: number) => {
      committed.set(key, next);
      this.progress.moved(key);
    };
    while (this.running) {
      const offset = Math.max(committed.get(key) ?? 0, log.start);
      const owned = this.owns(partition);
      if (!owned) this.failing.forget(key);
      const record = owned ? log.at(offset) : undefined;
      if (!record) {
        const wait = log.waitForMore();
        this.cancels.add(wait.cancel);
        this.idle.add(wait.cancel);
        await wait.promise;
        this.cancels.delete(wait.cancel);
        this.idle.delete(wait.cancel);
        continue;
      }
      try {
        if (this.options.batchHandler) {
          const records = log.records
            .slice(offset - log.start, offset - log.start + MAX_BATCH_RECORDS)
            .map((stored) => toIncoming(topic, partition, stored));
          let retryAfterMs: number | undefined;
          const batchHandler = this.options.batchHandler;
          await this.failing.run(key, () =>
            batchHandler({
              topic,
              partition,
              records,
              resolveOffset: (handled) => handledUpTo(Number(handled) + 1),
              heartbeat: async () => undefined,
              isRunning: () => this.running && this.owns(partition),
              retryLater: (delayMs) => (retryAfterMs = delayMs),
            }),
          );
          if (retryAfterMs === undefined) {
            handledUpTo(Number(records[records.length - 1]!.offset) + 1);
          } else {
            await this.sleep(retryAfterMs);
          }
        } else {
          const handler = this.options.handler;
          await this.failing.run(
            key,
            () => handler(toIncoming(topic, partition, record)),
            String(record.offset),
          );
          handledUpTo(record.offset + 1);
        }
      } catch {
        // Not committed: the record is handled again after a pause, as Kafka redelivers it.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
}

/** Most records handed to a batch handler at once, as a Kafka fetch would. */
const MAX_BATCH_RECORDS = 500;

function toIncoming(topic: string, partition: number, record: StoredRecord): IncomingRecord {
  return {
    topic,
    partition,
    offset: String(record.offset),
    key: record.key,
    value: record.value,
    headers: record.headers,
    timestamp: String(record.timestamp),
  };
}

function toBufferHeaders(
  headers: Record<string, string | Buffer> | undefined,
): Record<string, Buffer | undefined> {
  const out: Record<string, Buffer | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = Buffer.from(value);
  return out;
}
