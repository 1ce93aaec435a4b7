import type { Kafka, Producer } from 'kafkajs';
import { refusalOf } from './kafka-errors.js';
import { keyHashPartitioner } from './partition-for-key.js';
import type { BusProducer, OutgoingRecord, RefusedRecord, SendResult } from './message-bus.js';
import {
  batchBytes,
  chunkRecords,
  KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
  tooLargeRefusal,
} from './record-size.js';

/** Topics one producer sends to are fixed by configuration; this bounds their limits' memo. */
const MAX_TOPICS = 64;
/**
 * Longest a send may go unanswered. kafkajs keeps reconnecting to a broker that went away for
 * far longer; past this the outcome counts as unknown: the producer is replaced and the caller
 * sends again (its records may then arrive twice).
 */
const SEND_TIMEOUT_MS = 10_000;

export interface KafkaBusProducerOptions {
  kafka: Kafka;
  /** The topic's `max.message.bytes` as the broker reports it; undefined when unknown. */
  topicLimit(topic: string): Promise<number | undefined>;
  /** Told when a producer is dropped after a failed send and the next send gets a new one. */
  onReplaced?(error: Error): void;
}

/**
 * An idempotent kafkajs producer that cannot be stalled by one request: records are split into
 * batches the topic accepts, a record the broker refuses for good is reported instead of
 * retried, and after any failed send the producer is replaced. kafkajs rolls its sequence
 * numbers back when a request fails, also for partitions the broker did append (a partial
 * failure, a lost answer during a broker restart); the same producer ID then gets
 * OUT_OF_ORDER_SEQUENCE_NUMBER forever. A new producer ID starts its sequences afresh; the
 * records of the failed send may then arrive twice, never not at all.
 */
export class KafkaBusProducer implements BusProducer {
  private producer: Promise<Producer> | undefined;
  private readonly limits = new Map<string, number>();
  private closed = false;
  /** Producers dropped after a failed send. */
  replacements = 0;

  constructor(private readonly options: KafkaBusProducerOptions) {}

  /** Connects the first producer now, so that a broker that is down shows at start. */
  async connect(): Promise<void> {
    await this.current();
  }

  async send(topic: string, records: OutgoingRecord[]): Promise<SendResult> {
    if (this.closed) throw new Error('producer is disconnected');
    const limit = await this.limitOf(topic);
    const { chunks, tooLarge } = chunkRecords(records, limit);
    const refused = tooLarge.map((index) => tooLargeRefusal(index, records[index]!, topic, limit));
    let requests = 0;
    for (const chunk of chunks) requests += await this.sendChunk(topic, records, chunk, refused);
    refused.sort((a, b) => a.index - b.index);
    return { refused, requests };
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }

  /**
   * Sends one chunk; a refused chunk is halved until the refused records stand alone. Returns
   * the produce requests it took.
   */
  private async sendChunk(
    topic: string,
    records: readonly OutgoingRecord[],
    chunk: number[],
    refused: RefusedRecord[],
  ): Promise<number> {
    const used = this.current();
    try {
      const producer = await used;
      await withDeadline(
        producer.send({
          topic,
          acks: -1,
          messages: chunk.map((index) => toKafkaMessage(records[index]!)),
        }),
        SEND_TIMEOUT_MS,
      );
      return 1;
    } catch (error) {
      this.replace(used, error as Error);
      const reason = refusalOf(error);
      if (!reason) throw error;
      if (chunk.length === 1) {
        refused.push({ index: chunk[0]!, reason, detail: (error as Error).message });
        return 1;
      }
      if (reason === 'too_large') {
        const tried = batchBytes(chunk.map((index) => records[index]!));
        this.remember(topic, Math.min(this.limits.get(topic) ?? tried, tried - 1));
      }
      const half = Math.ceil(chunk.length / 2);
      return (
        1 +
        (await this.sendChunk(topic, records, chunk.slice(0, half), refused)) +
        (await this.sendChunk(topic, records, chunk.slice(half), refused))
      );
    }
  }

  private async limitOf(topic: string): Promise<number> {
    const known = this.limits.get(topic);
    if (known !== undefined) return known;
    const read = await this.options.topicLimit(topic).catch(() => undefined);
    if (read === undefined) return KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
    this.remember(topic, read);
    return read;
  }

  private remember(topic: string, limit: number): void {
    if (!this.limits.has(topic) && this.limits.size >= MAX_TOPICS) this.limits.clear();
    this.limits.set(topic, limit);
  }

  private current(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // A few quick retries inside kafkajs; the caller's own backoff takes over after that, so
      // a failure shows (logs, readiness) within seconds rather than after a minute of retries.
      retry: { initialRetryTime: 100, retries: 3 },
      createPartitioner: keyHashPartitioner,
    });
    const connecting = producer.connect().then(() => producer);
    this.producer = connecting;
    // A producer that could not connect is dropped so that the next send tries a new one.
    connecting.catch(() => {
      if (this.producer === connecting) this.producer = undefined;
    });
    return connecting;
  }

  /** Drops the producer a send failed on, unless another failure already replaced it. */
  private replace(failed: Promise<Producer>, error: Error): void {
    if (this.producer !== failed) return;
    this.producer = undefined;
    this.replacements++;
    this.options.onReplaced?.(error);
    void failed.then((p) => p.disconnect()).catch(() => undefined);
  }
}

/** The work's outcome, or a rejection once it has gone unanswered for `ms`. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Kafka within ${ms} ms`)), ms);
  });
  // The abandoned send may still fail later; that is already accounted for.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function toKafkaMessage(record: OutgoingRecord) {
  return { key: record.key ?? null, value: record.value, headers: record.headers };
}
