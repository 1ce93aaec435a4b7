import { quoteInput } from '@teranode-p2p/config';

/**
 * A 32-byte chain hash (block, subtree, transaction) as Teranode parses it (go-chainhash
 * rules): at most 64 hex digits in display (reversed) order; an odd count is left-padded with
 * a 0; a shorter string is zero-padded on the left. Anything else is an error.
 */
export class ChainHashError extends Error {}

const HEX = /^[0-9a-fA-F]*$/;

/** Lower-case, 64-digit display hex of a hash string, or throws ChainHashError. */
export function normaliseHash(text: string): string {
  if (text.length > 64)
    throw new ChainHashError(`hash ${quoteInput(text)} is longer than 64 hex digits`);
  if (!HEX.test(text)) throw new ChainHashError(`hash ${quoteInput(text)} is not hexadecimal`);
  return text.toLowerCase().padStart(64, '0');
}

/** The 32 raw bytes in internal order (the reverse of the display hex): Kafka record keys. */
export function hashToInternalBytes(text: string): Buffer {
  return Buffer.from(normaliseHash(text), 'hex').reverse();
}

/** Display hex of 32 bytes in internal order (e.g. a blockchain-service notification hash). */
export function internalBytesToHash(bytes: Uint8Array): string {
  if (bytes.length !== 32) throw new ChainHashError(`a hash has 32 bytes, got ${bytes.length}`);
  return Buffer.from(bytes).reverse().toString('hex');
}
