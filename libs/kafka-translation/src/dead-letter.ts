/** The consumed record as the dead-letter topic keeps it. */
export interface FailedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | undefined>;
  timestamp: string;
}

export interface DeadLetter {
  key: Buffer | null;
  value: Buffer;
  headers: Record<string, string | Buffer>;
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
const MAX_ERROR_LENGTH = 1_000;

/** The original bytes and key, with where they came from and why they failed in headers. */
export function deadLetter(
  record: FailedRecord,
  error: string,
  service: string,
  failedAtMs: number,
): DeadLetter {
  const headers: Record<string, string | Buffer> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (value !== undefined && !name.startsWith('dlq.')) headers[name] = value;
  }
  Object.assign(headers, {
    [DLQ_HEADERS.topic]: record.topic,
    [DLQ_HEADERS.partition]: String(record.partition),
    [DLQ_HEADERS.offset]: record.offset,
    [DLQ_HEADERS.timestamp]: record.timestamp,
    [DLQ_HEADERS.error]: error.slice(0, MAX_ERROR_LENGTH),
    [DLQ_HEADERS.service]: service,
    [DLQ_HEADERS.failedAt]: String(failedAtMs),
  });
  return { key: record.key, value: record.value ?? Buffer.alloc(0), headers };
}
