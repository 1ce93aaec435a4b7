import kafkajs, { Kafka, logLevel, type Admin } from 'kafkajs';
import { connectionFailureLog, type ConnectionFailure } from './connection-failure-log.js';
import { KafkaBusConsumer, type ConsumerRestart } from './kafka-bus-consumer.js';
import { KafkaBusProducer } from './kafka-bus-producer.js';
import type {
  BusConsumer,
  BusProducer,
  ConsumerOptions,
  MessageBus,
  ProducerOptions,
  TopicSpec,
} from './message-bus.js';
import { noDelaySocketFactory } from './socket-factory.js';
import './request-queue-timer.js';
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
  /** Each time a consumer the client stopped for good is about to be started again. */
  onConsumerRestart?: (restart: ConsumerRestart) => void;
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
    const consumer = new KafkaBusConsumer({
      kafka: this.kafka,
      consumer: options,
      commitEveryRecords: this.options.commitEveryRecords ?? 500,
      withAdmin: (work) => this.withAdmin(work),
      onRestart: this.options.onConsumerRestart,
    });
    const stop = async () => {
      this.open.delete(stop);
      this.consumers.delete(handle);
      await consumer.stop();
    };
    const handle: BusConsumer = {
      start: () => consumer.start(),
      stop,
      lag: () => consumer.lag(),
      failure: () => consumer.failure(),
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
