import {
  RecordDecodeError,
  type ConsumedRecord,
  type ReceivedRecord,
  type TopicContract,
  type TopicRecord,
} from './topic-contract.js';

/** A record that could not be handled (where it was, its bytes as they were), why, and by whom. */
export interface DeadLetter {
  original: ConsumedRecord;
  /** Why it failed; at most MAX_ERROR_LENGTH characters are kept. */
  error: string;
  /** The service that gave up on it, e.g. `kafka-bridge`. */
  service: string;
  failedAtMs: number;
  /**
   * Set when the dead-letter topic refused the letter with the original value (too large):
   * the letter is sent again without the original value and headers, saying why here.
   */
  valueDropped?: string;
}

/** Header names on dead-letter records; the original headers are kept next to them. */
export const DLQ_HEADERS = Object.freeze({
  topic: 'dlq.original.topic',
  partition: 'dlq.original.partition',
  offset: 'dlq.original.offset',
  timestamp: 'dlq.original.timestamp',
  error: 'dlq.error',
  service: 'dlq.service',
  failedAt: 'dlq.failed-at',
  /** On a letter sent without the record's value (the topic refused it): why. */
  valueDropped: 'dlq.value-dropped',
});

/** Longest error text kept in the header. */
export const MAX_ERROR_LENGTH = 1_000;

function toRecord(letter: DeadLetter): TopicRecord {
  const { original } = letter;
  const headers: Record<string, string | Buffer> = {};
  if (letter.valueDropped === undefined) {
    for (const [name, value] of Object.entries(original.headers)) {
      if (value !== undefined && !name.startsWith('dlq.')) headers[name] = value;
    }
  }
  Object.assign(headers, {
    [DLQ_HEADERS.topic]: original.topic,
    [DLQ_HEADERS.partition]: String(original.partition),
    [DLQ_HEADERS.offset]: original.offset,
    [DLQ_HEADERS.timestamp]: original.timestamp,
    [DLQ_HEADERS.error]: letter.error.slice(0, MAX_ERROR_LENGTH),
    [DLQ_HEADERS.service]: letter.service,
    [DLQ_HEADERS.failedAt]: String(letter.failedAtMs),
  });
  if (letter.valueDropped !== undefined) headers[DLQ_HEADERS.valueDropped] = letter.valueDropped;
  const value =
    letter.valueDropped === undefined ? (original.value ?? Buffer.alloc(0)) : Buffer.alloc(0);
  return { key: original.key, value, headers };
}

function fromRecord(record: ReceivedRecord): DeadLetter {
  const headers = record.headers ?? {};
  const text = (name: string): string => {
    const value = headers[name];
    if (value === undefined)
      throw new RecordDecodeError('invalid', `not a dead letter: no ${name} header`);
    return value.toString('utf8');
  };
  const digits = (name: string): string => {
    const value = text(name);
    if (!/^\d{1,20}$/.test(value))
      throw new RecordDecodeError(
        'invalid',
        `not a dead letter: ${name} is "${value.slice(0, 40)}", not a whole number`,
      );
    return value;
  };
  const original: ConsumedRecord = {
    topic: text(DLQ_HEADERS.topic),
    partition: Number(digits(DLQ_HEADERS.partition)),
    offset: digits(DLQ_HEADERS.offset),
    timestamp: text(DLQ_HEADERS.timestamp),
    key: record.key,
    value: record.value ?? Buffer.alloc(0),
    headers: Object.fromEntries(
      Object.entries(headers).filter(([name]) => !name.startsWith('dlq.')),
    ),
  };
  const letter: DeadLetter = {
    original,
    error: text(DLQ_HEADERS.error),
    service: text(DLQ_HEADERS.service),
    failedAtMs: Number(digits(DLQ_HEADERS.failedAt)),
  };
  const dropped = headers[DLQ_HEADERS.valueDropped];
  if (dropped !== undefined) letter.valueDropped = dropped.toString('utf8');
  return letter;
}

/**
 * `p2p.dlq`: records a service could not handle. The value and key are the original record's
 * bytes, untouched; where it came from and why it failed travel in `dlq.*` headers next to
 * the original headers.
 */
export const deadLetterTopic: TopicContract<DeadLetter, 'KAFKA_DLQ'> = Object.freeze({
  setting: 'KAFKA_DLQ' as const,
  holds: 'a dead letter (the original record, dlq.* headers)',
  toRecord,
  fromRecord,
});
