import { RecordDecodeError, type ProtobufTopicContract } from '@teranode-p2p/contracts';
import { BadRecordError } from './bad-record-error.js';

/** The message in a record value by its topic's contract; a BadRecordError saying why not. */
export function decodeRecord<T>(contract: ProtobufTopicContract<T>, value: Buffer | null): T {
  try {
    return contract.decode(value);
  } catch (error) {
    if (error instanceof RecordDecodeError) throw new BadRecordError(error.message);
    throw error;
  }
}
