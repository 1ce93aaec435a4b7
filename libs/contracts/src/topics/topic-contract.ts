/**
 * Typed contracts of the Kafka topics the product produces or consumes: one object per topic
 * says which setting names it, how a record's key and value are encoded, and how a record is
 * read back, with an error that says what was expected when it is not one. Producers and
 * consumers go through these objects instead of handling Buffers themselves, so the bytes on
 * a topic are defined once.
 */

/** The settings (libs/config, `kafka` group) that name the topics; their defaults live there. */
export type TopicSetting =
  | 'KAFKA_P2P_EVENTS'
  | 'KAFKA_BAN_EVENTS'
  | 'KAFKA_BLOCKS'
  | 'KAFKA_SUBTREES'
  | 'KAFKA_REJECTEDTX'
  | 'KAFKA_INVALID_BLOCKS'
  | 'KAFKA_INVALID_SUBTREES'
  | 'KAFKA_DLQ';

/** A record as it goes to the bus (the shape of libs/kafka's OutgoingRecord). */
export interface TopicRecord {
  key: Buffer | null;
  value: Buffer;
  headers?: Record<string, string | Buffer>;
}

/** A record as a consumer receives it (libs/kafka's IncomingRecord). */
export interface ConsumedRecord {
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

/** The parts of a consumed record a contract reads. */
export type ReceivedRecord = Pick<ConsumedRecord, 'key' | 'value'> &
  Partial<Pick<ConsumedRecord, 'headers'>>;

/** Why a record is not a message of its topic. */
export type RecordDecodeFailure =
  /** No value, or a value of no bytes. */
  | 'empty_record'
  /** The value is not the topic's encoding. */
  | 'undecodable'
  /** Decodable, but missing what the topic requires (a dead letter's headers). */
  | 'invalid';

/** A consumed record that is not a message of its topic; the message says what was expected. */
export class RecordDecodeError extends Error {
  override readonly name = 'RecordDecodeError';

  constructor(
    readonly reason: RecordDecodeFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface TopicContract<T, S extends TopicSetting = TopicSetting> {
  /** The setting that names the topic. */
  readonly setting: S;
  /** What one record holds, e.g. `P2PEvent`: for error messages and documentation. */
  readonly holds: string;
  /** Partitions to create the topic with when it is missing; undefined: the broker's default. */
  readonly partitions?: number;
  /** `max.message.bytes` to create the topic with; undefined: the broker's default. */
  readonly maxMessageBytes?: number;
  /** The record of one message: key, value and headers exactly as they go on the wire. */
  toRecord(message: T): TopicRecord;
  /** The message of one consumed record; RecordDecodeError when the record is not one. */
  fromRecord(record: ReceivedRecord): T;
}

/** A topic whose record value is one protobuf message; the key is derived from the message. */
export interface ProtobufTopicContract<
  T,
  S extends TopicSetting = TopicSetting,
> extends TopicContract<T, S> {
  /** The record key of a message (null: no key, the partition is chosen round-robin). */
  key(message: T): Buffer | null;
  /** The record value of a message. */
  encode(message: T): Buffer;
  /** The message in a record value; RecordDecodeError for no bytes or bytes that are not one. */
  decode(value: Buffer | null): T;
}

/** What ts-proto generates for a message: its encoder and decoder. */
export interface ProtobufCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

export interface ProtobufTopicOptions<T, S extends TopicSetting> {
  setting: S;
  holds: string;
  codec: ProtobufCodec<T>;
  key(message: T): Buffer | null;
  /** A faster encoder writing the same bytes as `codec` (tested against it). */
  encode?(message: T): Buffer;
  partitions?: number;
  maxMessageBytes?: number;
}

/** The contract of a topic whose values are one protobuf message each. */
export function protobufTopic<T, S extends TopicSetting>(
  options: ProtobufTopicOptions<T, S>,
): ProtobufTopicContract<T, S> {
  const { codec, holds } = options;
  const encode =
    options.encode ?? ((message: T) => Buffer.from(options.codec.encode(message).finish()));
  const decode = (value: Buffer | null): T => {
    if (value === null || value.length === 0)
      throw new RecordDecodeError('empty_record', `empty record, expected ${holds}`);
    try {
      return codec.decode(value);
    } catch (error) {
      throw new RecordDecodeError(
        'undecodable',
        `not a protobuf ${holds}: ${(error as Error).message}`,
      );
    }
  };
  return Object.freeze({
    setting: options.setting,
    holds,
    partitions: options.partitions,
    maxMessageBytes: options.maxMessageBytes,
    key: options.key,
    encode,
    decode,
    toRecord: (message: T) => ({ key: options.key(message), value: encode(message) }),
    fromRecord: (record: ReceivedRecord) => decode(record.value),
  });
}
