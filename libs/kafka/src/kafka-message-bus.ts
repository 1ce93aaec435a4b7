import kafkajs, { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage } from 'kafkajs';
import { connectionFailureLog, type ConnectionFailure } from './connection-failure-log.js';
import { DEFAULT_STALL_AFTER_MS, FailingHandler } from './handler-failure.js';
import { KafkaBusProducer } from './kafka-bus-producer.js';
import type {
  BusConsumer,
  BusProducer,
  ConsumerOptions,
  IncomingRecord,
  MessageBus,
  ProducerOptions,
  TopicSpec,
} from './message-bus.js';
import { KafkaLagTracker } from './kafka-lag-tracker.js';
import { noDelaySocketFactory } from './socket-factory.js';
import { subscriptionRoundRobin } from './subscription-round-robin.js';
import { retryWhileTopicsNotServed } from './topic-readiness.js';

/** Retries of a failed request or connection before kafkajs gives up (about a minute). */
const CLIENT_RETRIES = 8;
/** How long ensureTopics waits for topics it created (or found) to be served. */
const TOPIC_READY_TIMEOUT_MS = 30_000;

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs' own log output; off unless asked for, the services log what matters themselves. */
  verbose?: boolean;
  /** Each failed attempt to reach the brokers while the clients retry (unless verbose). */
  onConnectionFailure?: (failure: ConnectionFailure) => void;
  connectionTimeoutMs?: number;
  /** Records handled between two offset commits inside one fetched batch. */
  commitEveryRecords?: number;
}

/** The message bus on a real Apache Kafka cluster. */
export class KafkaMessageBus implements MessageBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  /** A client that fails fast: health probes must not wait out the retry policy. */
  private readonly probe: Kafka;
  private readonly open = new Set<() => Promise<void>>();
  /** Consumers created and not stopped (a service has a handful). */
  private readonly consumers = new Set<BusConsumer>();
  /** One admin connection for every consumer's lag and producer's topic limits, opened on first use. */
  private sharedAdmin: Promise<Admin> | undefined;

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      ...(options.verbose
        ? { logLevel: logLevel.INFO }
        : options.onConnectionFailure
          ? {
              logLevel: logLevel.ERROR,
              logCreator: connectionFailureLog(CLIENT_RETRIES, options.onConnectionFailure),
            }
          : { logLevel: logLevel.NOTHING }),
      retry: { initialRetryTime: 200, retries: CLIENT_RETRIES },
      socketFactory: noDelaySocketFactory,
    });
    this.probe = new Kafka({
      clientId: `${options.clientId}-probe`,
      brokers: options.brokers,
      connectionTimeout: 1000,
      requestTimeout: 2000,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      socketFactory: noDelaySocketFactory,
    });
  }

  async checkConnection(): Promise<void> {
    const admin = this.probe.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } catch (error) {
      throw new Error(
        `Kafka brokers ${this.options.brokers.join(',')} unreachable: ${(error as Error).message}`,
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Creates the missing topics and returns once the broker serves all of them. */
  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      await retryWhileTopicsNotServed(
        async () => {
          const existing = new Set(await admin.listTopics());
          const missing = topics.filter((t) => !existing.has(t.topic));
          if (missing.length > 0)
            await admin.createTopics({
              waitForLeaders: true,
              topics: missing.map((t) => ({
                topic: t.topic,
                numPartitions: t.partitions ?? 1,
                configEntries:
                  t.maxMessageBytes === undefined
                    ? []
                    : [{ name: 'max.message.bytes', value: String(t.maxMessageBytes) }],
              })),
            });
          if (topics.length > 0)
            await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
        },
        { timeoutMs: TOPIC_READY_TIMEOUT_MS },
      );
    } finally {
      await admin.disconnect();
    }
  }

  async createProducer(options: ProducerOptions = {}): Promise<BusProducer> {
    const producer = new KafkaBusProducer({
      kafka: this.kafka,
      topicLimit: (topic) => this.topicLimit(topic),
      onReplaced: options.onReplaced,
    });
    await producer.connect();
    const disconnect = async () => {
      this.open.delete(disconnect);
      await producer.disconnect();
    };
    this.open.add(disconnect);
    return { send: (topic, records) => producer.send(topic, records), disconnect };
  }

  /** The topic's `max.message.bytes` (its own or the broker's default). */
  private async topicLimit(topic: string): Promise<number | undefined> {
    const described = await this.withAdmin((admin) =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          {
            type: kafkajs.ConfigResourceTypes.TOPIC,
            name: topic,
            configNames: ['max.message.bytes'],
          },
        ],
      }),
    );
    const value = described.resources[0]?.configEntries.find(
      (entry) => entry.configName === 'max.message.bytes',
    )?.configValue;
    const limit = Number(value);
    return Number.isSafeInteger(limit) && limit > 0 ? limit : undefined;
  }

  createConsumer(options: ConsumerOptions): BusConsumer {
    const consumer: Consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 10000,
      maxWaitTimeInMs: options.maxWaitMs ?? 5000,
      // kafkajs's own second: the protocol a group still holding members of an older release
      // agrees on, until every member offers the first.
      partitionAssigners: [subscriptionRoundRobin, kafkajs.PartitionAssigners.roundRobin],
    });
    const commitEvery = this.options.commitEveryRecords ?? 500;
    const resumeTimers = new Set<NodeJS.Timeout>();
    const positions = new KafkaLagTracker(options.groupId, options.fromBeginning ?? false, (work) =>
      this.withAdmin(work),
    );
    const lagSource = { groupId: options.groupId, lag: () => positions.lag() };
    const described = `consumer group ${options.groupId} (${options.topics.join(', ')})`;
    let gaveUp: string | undefined;
    const failing = new FailingHandler();
    const stallAfterMs = options.stallAfterMs ?? DEFAULT_STALL_AFTER_MS;
    const stop = async () => {
      this.open.delete(stop);
      this.consumers.delete(handle);
      options.lag?.delete(lagSource);
      for (const timer of resumeTimers) clearTimeout(timer);
      resumeTimers.clear();
      await consumer.disconnect();
      positions.clear();
    };
    const handle: BusConsumer = {
      start: async () => {
        await consumer.connect();
        await consumer.subscribe({
          topics: options.topics,
          fromBeginning: options.fromBeginning ?? false,
        });
        consumer.on(consumer.events.GROUP_JOIN, (event) => {
          const assigned = event.payload.memberAssignment;
          positions.assign(assigned);
          failing.keepOnly(
            new Set(
              Object.entries(assigned).flatMap(([topic, partitions]) =>
                partitions.map((partition) => `${topic}/${partition}`),
              ),
            ),
          );
        });
        // A consumer kafkajs gives up on (a non-retriable error, such as a group whose members
        // agree on no assigner) would otherwise leave start() waiting for ever; once joined,
        // readiness says so (failure()).
        const joined = new Promise<void>((resolve, reject) => {
          let hasJoined = false;
          consumer.on(consumer.events.GROUP_JOIN, () => {
            hasJoined = true;
            resolve();
          });
          consumer.on(consumer.events.CRASH, ({ payload }) => {
            if (payload.restart) return;
            const cause = payload.error.message;
            if (hasJoined) gaveUp = `${described} stopped for good: ${cause}`;
            else reject(new Error(`${described} could not join: ${cause}`));
          });
        });
        joined.catch(() => undefined);
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: options.partitionsConcurrently ?? 1,
          eachBatch: async ({
            batch,
            resolveOffset,
            heartbeat,
            pause,
            commitOffsetsIfNecessary,
            uncommittedOffsets,
            isRunning,
            isStale,
          }) => {
            const commitHandled = () => commitOffsetsIfNecessary(uncommittedOffsets());
            const resolve = (offset: string) => {
              resolveOffset(offset);
              positions.handledUpTo(batch.topic, batch.partition, offset);
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
            const { batchHandler, handler } = options;
            if (batchHandler) {
              if (batch.isEmpty()) return;
              let retrying = false;
              try {
                await failing.run(`${batch.topic}/${batch.partition}`, () =>
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
                        resumeTimers.delete(timer);
                        resume();
                      }, delayMs);
                      resumeTimers.add(timer);
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
                await failing.run(
                  `${batch.topic}/${batch.partition}`,
                  () => handler(toRecord(message)),
                  message.offset,
                );
                resolve(message.offset);
                if (++sinceCommit >= commitEvery) {
                  await commitHandled();
                  sinceCommit = 0;
                }
                await heartbeat();
              }
            } finally {
              // Commit whatever was handled, also when a handler failed: kafkajs then retries
              // from the first record that was not handled.
              await commitHandled();
            }
          },
        });
        await joined;
        options.lag?.add(lagSource);
      },
      stop,
      lag: () => positions.lag(),
      failure: () => {
        const stalled = failing.stalledLongerThan(stallAfterMs);
        return gaveUp ?? (stalled ? `${described}: ${stalled}` : undefined);
      },
    };
    this.open.add(stop);
    this.consumers.add(handle);
    return handle;
  }

  consumerFailures(): string[] {
    return [...this.consumers].flatMap((consumer) => consumer.failure() ?? []);
  }

  async close(): Promise<void> {
    this.consumers.clear();
    const all = [...this.open];
    this.open.clear();
    await Promise.allSettled(all.map((disconnect) => disconnect()));
    const admin = this.sharedAdmin;
    this.sharedAdmin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  /** Runs work on the shared admin; a failure drops the connection so the next use reconnects. */
  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    this.sharedAdmin ??= (async () => {
      const admin = this.probe.admin();
      await admin.connect();
      return admin;
    })();
    const connecting = this.sharedAdmin;
    try {
      return await work(await connecting);
    } catch (error) {
      if (this.sharedAdmin === connecting) this.sharedAdmin = undefined;
      void connecting.then((a) => a.disconnect()).catch(() => undefined);
      throw error;
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
