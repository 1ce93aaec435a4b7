/**
 * The one messaging interface the services use. Two implementations: Apache Kafka through
 * kafkajs (production, integration tests) and an in-process bus (the embedded local network).
 */

import type { ConsumedRecord } from '@teranode-p2p/contracts';
import type { ConsumerLagGauge, PartitionLag } from './consumer-lag.js';
import type { RefusalReason } from './kafka-errors.js';

export interface OutgoingRecord {
  key?: Buffer | string | null;
  value: Buffer;
  headers?: Record<string, string | Buffer>;
}

/** A consumed record: the shape the topic contracts (libs/contracts) read. */
export type IncomingRecord = ConsumedRecord;

/** Handles one record. Resolving marks it handled; its offset may then be committed. */
export type RecordHandler = (record: IncomingRecord) => Promise<void>;

/** The records of one partition fetched together, handed to a BatchHandler as a whole. */
export interface RecordBatch {
  topic: string;
  partition: number;
  records: IncomingRecord[];
  /**
   * Marks the records up to and including this offset handled: they may be committed even if
   * the handler fails later in the batch. Resolving the handler marks the whole batch handled.
   */
  resolveOffset(offset: string): void;
  /** Keeps the group membership alive while a batch takes long (retries with backoff). */
  heartbeat(): Promise<void>;
  /** False once the consumer stops or loses the partition: the handler should give up. */
  isRunning(): boolean;
  /**
   * Stops fetching this partition for `delayMs`, then fetches it again from the first record
   * not resolved; other partitions keep flowing meanwhile. The handler returns after calling
   * it, and the records after the last resolved offset are not marked handled.
   */
  retryLater(delayMs: number): void;
}

/** Handles one batch. Resolving marks every record of it handled; throwing commits only what was resolved. */
export type BatchHandler = (batch: RecordBatch) => Promise<void>;

interface ConsumerOptionsBase {
  groupId: string;
  topics: string[];
  /** Where a group with no committed offset starts: the oldest record, or only new ones. */
  fromBeginning?: boolean;
  /** Partitions handled at the same time by this consumer (default 1). */
  partitionsConcurrently?: number;
  /**
   * Longest time a fetch waits for new records (Kafka: 5 s). A partition put back with
   * retryLater is fetched again with the next fetch, so this also bounds how late a retry runs.
   */
  maxWaitMs?: number;
  /** The service's lag gauge: the consumer reports its partitions there while it runs. */
  lag?: ConsumerLagGauge;
  /**
   * How long the handler may keep failing (the same records tried again), or records wait
   * without the position moving, before failure() reports the consumer as stalled (default
   * 30 s, as kafka_stall_timeout).
   */
  stallAfterMs?: number;
}

/** Records one at a time. */
export interface RecordConsumerOptions extends ConsumerOptionsBase {
  handler: RecordHandler;
  batchHandler?: undefined;
}

/** Records a fetched batch at a time (one partition per batch): for throughput. */
export interface BatchConsumerOptions extends ConsumerOptionsBase {
  batchHandler: BatchHandler;
  handler?: undefined;
}

export type ConsumerOptions = RecordConsumerOptions | BatchConsumerOptions;

export interface TopicSpec {
  topic: string;
  partitions?: number;
  /** The topic's `max.message.bytes` when it is created (default: the broker's). */
  maxMessageBytes?: number;
}

/** A record the bus refused for good: sending it again can never succeed. */
export interface RefusedRecord {
  /** Its index in the records given to send. */
  index: number;
  reason: RefusalReason;
  detail: string;
}

export interface SendResult {
  /** The records refused for good, by index; every other record was acknowledged. */
  refused: RefusedRecord[];
  /** Produce requests the records took (more than one when they had to be split). */
  requests: number;
}

export interface BusProducer {
  /**
   * Resolves once every record is acknowledged by the bus or refused for good (larger than the
   * topic takes, invalid): those are listed and the caller decides what becomes of them. The
   * records are split into requests the broker accepts. Rejects when the outcome is not known
   * (broker unreachable, timeout): the caller sends again, so a record may arrive twice.
   */
  send(topic: string, records: OutgoingRecord[]): Promise<SendResult>;
  disconnect(): Promise<void>;
}

export interface BusConsumer {
  /** Joins the group and starts handling records; resolves once the consumer is running. */
  start(): Promise<void>;
  /** Stops fetching, waits for the record in hand, commits what was handled, leaves the group. */
  stop(): Promise<void>;
  /** Records not yet handled on each partition this consumer owns now (none when stopped). */
  lag(): Promise<PartitionLag[]>;
  /**
   * Why the consumer does not move now: the Kafka client stopped it after it had joined and a
   * new one has not joined yet, its handler has kept failing for longer than stallAfterMs, or
   * records have waited that long on a partition whose position has not moved; undefined while
   * it works.
   */
  failure(): string | undefined;
}

export interface ProducerOptions {
  /** Told when a Kafka producer is dropped after a failed send (the next send gets a new one). */
  onReplaced?(error: Error): void;
}

export interface MessageBus {
  readonly kind: 'kafka' | 'memory';
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  createProducer(options?: ProducerOptions): Promise<BusProducer>;
  createConsumer(options: ConsumerOptions): BusConsumer;
  /** Resolves when the bus can take records now (a broker answers); rejects saying why not. */
  checkConnection(): Promise<void>;
  /** Why each of its consumers that no longer moves does not (see BusConsumer.failure). */
  consumerFailures(): string[];
  /** Disconnects every producer and consumer this bus created. */
  close(): Promise<void>;
}
