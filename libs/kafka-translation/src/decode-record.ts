import { BadRecordError } from './bad-record-error.js';

interface Decoder<T> {
  decode(input: Uint8Array): T;
}

/** Decodes a protobuf record value, turning every failure into a BadRecordError naming the message. */
export function decodeRecord<T>(decoder: Decoder<T>, value: Buffer | null, message: string): T {
  if (value === null || value.length === 0)
    throw new BadRecordError(`empty record, expected ${message}`);
  try {
    return decoder.decode(value);
  } catch (error) {
    throw new BadRecordError(`not a protobuf ${message}: ${(error as Error).message}`);
  }
}
