import kafkajs, {
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
} from 'kafkajs';
import { DEFAULT_STALL_AFTER_MS, FailingHandler } from './handler-failure.js';
import { KafkaLagTracker } from './kafka-lag-tracker.js';
import type { BusConsumer, ConsumerOptions, IncomingRecord } from './message-bus.js';
import type { PartitionLag } from './consumer-lag.js';
import { PartitionProgress } from './partition-progress.js';
import { retryDelay, type RetryDelayOptions } from './retry-delay.js';
import { subscriptionRoundRobin } from './subscription-round-robin.js';

/** A consumer the Kafka client stopped for good after it had joined, about to be started again. */
export interface ConsumerRestart {
  groupId: string;
  /** Why the client stopped it. */
  cause: string;
  /** Restarts in a row without the group joined in between (1 for the first). */
  attempt: number;
  retryInMs: number;
}

export interface KafkaBusConsumerOptions {
  kafka: Kafka;
  consumer: ConsumerOptions;
  /** Records handled between two offset commits inside one fetched batch. */
  commitEveryRecords: number;
  withAdmin: <T>(work: (admin: Admin) => Promise<T>) => Promise<T>;
  onRestart?(restart: ConsumerRestart): void;
}

const RESTART_DELAY: RetryDelayOptions = { initialMs: 1_000, maxMs: 30_000 };

/**
 * A kafkajs consumer that does not stay stopped. kafkajs gives a consumer up for good
 * (CRASH, restart=false) on errors it counts as non-retriable, and some of those are transient:
 * a broker restart can end in "Failed to find group coordinator" while the broker loads the
 * group, after which the consumer would read nothing until the process restarts. Once it has
 * joined, such a consumer is replaced by a new one in the same group (doubling delay, 1 s to
 * 30 s); failure() names the cause until the new one has joined.
 */
export class KafkaBusConsumer implements BusConsumer {
  private client: Consumer | undefined;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartsInARow = 0;
  private gaveUp: string | undefined;
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private readonly positions: KafkaLagTracker;
  private readonly failing = new FailingHandler();
  private readonly progress: PartitionProgress;
  private readonly described: string;
  private readonly lagSource: { groupId: string; lag: () => Promise<PartitionLag[]> };

  constructor(private readonly options: KafkaBusConsumerOptions) {
    const { groupId, topics, fromBeginning } = options.consumer;
    this.positions = new KafkaLagTracker(groupId, fromBeginning ?? false, options.withAdmin);
    this.described = `consumer group ${groupId} (${topics.join(', ')})`;
    this.lagSource = { groupId, lag: () => this.positions.lag() };
    this.progress = new PartitionProgress(
      () => this.positions.lag(),
      options.consumer.stallAfterMs ?? DEFAULT_STALL_AFTER_MS,
    );
  }

  async start(): Promise<void> {
    await this.launch();
    this.options.consumer.lag?.add(this.lagSource);
    this.progress.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.progress.stop();
    this.options.consumer.lag?.delete(this.lagSource);
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.client?.disconnect();
    this.positions.clear();
  }

  lag(): Promise<PartitionLag[]> {
    return this.positions.lag();
  }

  failure(): string | undefined {
    const stallAfterMs = this.options.consumer.stallAfterMs ?? DEFAULT_STALL_AFTER_MS;
    const stalled = this.failing.stalledLongerThan(stallAfterMs) ?? this.progress.stalled();
    return this.gaveUp ?? (stalled ? `${this.described}: ${stalled}` : undefined);
  }

  /** Resolves once a new kafkajs consumer has joined the group; rejects if the client gives it up first. */
  private async launch(): Promise<void> {
    const { consumer: options, kafka } = this.options;
    const client = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 10000,
      maxWaitTimeInMs: options.maxWaitMs ?? 5000,
      // kafkajs's own second: the protocol a group still holding members of an older release
      // agrees on, until every member offers the first.
      partitionAssigners: [subscriptionRoundRobin, kafkajs.PartitionAssigners.roundRobin],
    });
    this.client = client;
    let hasJoined = false;
    const joined = new Promise<void>((resolve, reject) => {
      client.on(client.events.GROUP_JOIN, (event) => {
        hasJoined = true;
        this.joinedWith(event.payload.memberAssignment);
        resolve();
      });
      client.on(client.events.CRASH, ({ payload }) => {
        if (payload.restart) return;
        const cause = payload.error.message;
        if (hasJoined) this.clientGaveUp(client, cause);
        else reject(new Error(`${this.described} could not join: ${cause}`));
      });
    });
    joined.catch(() => undefined);
    await client.connect();
    await client.subscribe({
      topics: options.topics,
      fromBeginning: options.fromBeginning ?? false,
    });
    // stop() while this connected: it disconnected a client that has not run yet.
    if (this.stopped) return client.disconnect();
    await client.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConcurrently ?? 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    await joined;
  }

  private joinedWith(assigned: Record<string, number[]>): void {
    this.restartsInARow = 0;
    this.gaveUp = undefined;
    this.positions.assign(assigned);
    this.failing.keepOnly(
      new Set(
        Object.entries(assigned).flatMap(([topic, partitions]) =>
          partitions.map((partition) => `${topic}/${partition}`),
        ),
      ),
    );
  }

  private clientGaveUp(client: Consumer, cause: string): void {
    if (this.stopped || client !== this.client) return;
    this.restartsInARow++;
    const retryInMs = retryDelay(this.restartsInARow, RESTART_DELAY);
    this.gaveUp = `${this.described}: stopped by the Kafka client (${cause}); starting it again in ${retryInMs} ms`;
    this.options.onRestart?.({
      groupId: this.options.consumer.groupId,
      cause,
      attempt: this.restartsInARow,
      retryInMs,
    });
    this.restartTimer = setTimeout(() => void this.restart(client), retryInMs);
  }

  private async restart(previous: Consumer): Promise<void> {
    this.restartTimer = undefined;
    await previous.disconnect().catch(() => undefined);
    if (this.stopped) return;
    try {
      await this.launch();
    } catch (error) {
      this.clientGaveUp(this.client!, (error as Error).message);
    }
  }

  private async eachBatch({
    batch,
    resolveOffset,
    heartbeat,
    pause,
    commitOffsetsIfNecessary,
    uncommittedOffsets,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const { batchHandler, handler } = this.options.consumer;
    const commitHandled = () => commitOffsetsIfNecessary(uncommittedOffsets());
    const partitionKey = `${batch.topic}/${batch.partition}`;
    const resolve = (offset: string) => {
      resolveOffset(offset);
      this.positions.handledUpTo(batch.topic, batch.partition, offset);
      this.progress.moved(partitionKey);
    };
    const toRecord = (message: KafkaMessage): IncomingRecord => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: normaliseHeaders(message.headers),
      timestamp: message.timestamp,
    });
    if (batchHandler) {
      if (batch.isEmpty()) return;
      let retrying = false;
      try {
        await this.failing.run(partitionKey, () =>
          batchHandler({
            topic: batch.topic,
            partition: batch.partition,
            records: batch.messages.map(toRecord),
            resolveOffset: resolve,
            heartbeat,
            isRunning: () => isRunning() && !isStale(),
            retryLater: (delayMs) => {
              retrying = true;
              const resume = pause();
              const timer = setTimeout(() => {
                this.resumeTimers.delete(timer);
                resume();
              }, delayMs);
              this.resumeTimers.add(timer);
            },
          }),
        );
        if (!retrying) resolve(batch.lastOffset());
      } finally {
        await commitHandled();
      }
      return;
    }
    let sinceCommit = 0;
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        await this.failing.run(partitionKey, () => handler(toRecord(message)), message.offset);
        resolve(message.offset);
        if (++sinceCommit >= this.options.commitEveryRecords) {
          await commitHandled();
          sinceCommit = 0;
        }
        await heartbeat();
      }
    } finally {
      // Commit whatever was handled, also when a handler failed: kafkajs then retries from the
      // first record that was not handled.
      await commitHandled();
    }
  }
}

function normaliseHeaders(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, Buffer | undefined> {
  const out: Record<string, Buffer | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    out[name] =
      first === undefined ? undefined : Buffer.isBuffer(first) ? first : Buffer.from(first);
  }
  return out;
}
