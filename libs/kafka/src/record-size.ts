import type { OutgoingRecord, RefusedRecord } from './message-bus.js';

/** Kafka's default `message.max.bytes`: the largest record batch a broker accepts. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** The fixed header of a v2 record batch (offsets, CRC, producer ID, sequence, count). */
export const RECORD_BATCH_OVERHEAD = 61;
/**
 * Per-record framing in a batch, rounded up: length, attributes, timestamp and offset deltas,
 * key/value/header lengths as varints (at most 5 bytes each for the sizes we send).
 */
const RECORD_OVERHEAD = 32;
const HEADER_OVERHEAD = 10;

/** Bytes a record takes in a record batch (never less than the real size). */
export function recordBytes(record: OutgoingRecord): number {
  let bytes = RECORD_OVERHEAD + record.value.length;
  if (record.key != null) bytes += Buffer.byteLength(record.key);
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    bytes += HEADER_OVERHEAD + Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return bytes;
}

export interface RecordChunks {
  /** Indexes of the records, in order, split so that each chunk fits one batch. */
  chunks: number[][];
  /** Indexes of records that cannot fit a batch on their own. */
  tooLarge: number[];
}

/**
 * Splits records into consecutive chunks whose batch stays within `maxBatchBytes`. A chunk may
 * spread over several partitions; each partition's batch is then smaller still.
 */
export function chunkRecords(
  records: readonly OutgoingRecord[],
  maxBatchBytes: number,
): RecordChunks {
  const chunks: number[][] = [];
  const tooLarge: number[] = [];
  let chunk: number[] = [];
  let chunkBytes = RECORD_BATCH_OVERHEAD;
  records.forEach((record, index) => {
    if (!fitsAlone(record, maxBatchBytes)) {
      tooLarge.push(index);
      return;
    }
    const bytes = recordBytes(record);
    if (chunkBytes + bytes > maxBatchBytes) {
      chunks.push(chunk);
      chunk = [];
      chunkBytes = RECORD_BATCH_OVERHEAD;
    }
    chunk.push(index);
    chunkBytes += bytes;
  });
  if (chunk.length > 0) chunks.push(chunk);
  return { chunks, tooLarge };
}

/** Bytes of the batch the given records make together. */
export function batchBytes(records: readonly OutgoingRecord[]): number {
  return records.reduce((sum, record) => sum + recordBytes(record), RECORD_BATCH_OVERHEAD);
}

/** The refusal of a record that cannot fit a batch of the topic on its own. */
export function tooLargeRefusal(
  index: number,
  record: OutgoingRecord,
  topic: string,
  limit: number,
): RefusedRecord {
  return {
    index,
    reason: 'too_large',
    detail: `${recordBytes(record)} bytes, more than ${topic} takes (max.message.bytes ${limit})`,
  };
}

/** Whether a record fits a batch of its own under the limit. */
export function fitsAlone(record: OutgoingRecord, limit: number): boolean {
  return RECORD_BATCH_OVERHEAD + recordBytes(record) <= limit;
}
