/**
 * The one messaging interface the services use. Two implementations: Apache Kafka through
 * kafkajs (production, integration tests) and an in-process bus (the embedded local network).
 */

export interface OutgoingRecord {
  key?: Buffer | string | null;
  value: Buffer;
  headers?: Record<string, string | Buffer>;
}

export interface IncomingRecord {
  topic: string;
  partition: number;
  /** Offset as a decimal string (Kafka offsets are 64-bit). */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | undefined>;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp: string;
}

/** Handles one record. Resolving marks it handled; its offset may then be committed. */
export type RecordHandler = (record: IncomingRecord) => Promise<void>;

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  /** Where a group with no committed offset starts: the oldest record, or only new ones. */
  fromBeginning?: boolean;
  handler: RecordHandler;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
}

export interface BusProducer {
  /** Resolves once the records are acknowledged by the bus. */
  send(topic: string, records: OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface BusConsumer {
  /** Joins the group and starts handling records; resolves once the consumer is running. */
  start(): Promise<void>;
  /** Stops fetching, waits for the record in hand, commits what was handled, leaves the group. */
  stop(): Promise<void>;
}

export interface MessageBus {
  readonly kind: 'kafka' | 'memory';
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  createProducer(): Promise<BusProducer>;
  createConsumer(options: ConsumerOptions): BusConsumer;
  /** Disconnects every producer and consumer this bus created. */
  close(): Promise<void>;
}
