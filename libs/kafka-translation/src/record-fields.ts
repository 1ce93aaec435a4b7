import { ChainHashError, normaliseHash } from '@teranode-p2p/chain';
import { isPeerId, quoteInput } from '@teranode-p2p/config';
import { BadRecordError } from './bad-record-error.js';

/** Lower-case 64-digit hex of a required hash field, or BadRecordError. */
export function requiredHash(text: string, field: string): string {
  if (text === '') throw new BadRecordError(`${field} is empty`);
  try {
    return normaliseHash(text);
  } catch (error) {
    if (error instanceof ChainHashError) throw new BadRecordError(`${field}: ${error.message}`);
    throw error;
  }
}

/** A required libp2p peer ID field, or BadRecordError. */
export function requiredPeerId(text: string, field: string): string {
  if (text === '') throw new BadRecordError(`${field} is empty`);
  if (!isPeerId(text)) throw new BadRecordError(`${field} ${quoteInput(text)} is not a peer ID`);
  return text;
}
