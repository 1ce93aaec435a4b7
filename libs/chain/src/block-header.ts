import { createHash } from 'node:crypto';
import { internalBytesToHash } from './chain-hash.js';

/** The 80-byte Bitcoin block header. Hashes are display hex (reversed byte order). */
export interface BlockHeader {
  version: number;
  previousHash: string;
  merkleRoot: string;
  /** Unix seconds. */
  time: number;
  /** Compact difficulty target. */
  bits: number;
  nonce: number;
}

export const BLOCK_HEADER_SIZE = 80;

export function serialiseHeader(header: BlockHeader): Buffer {
  const out = Buffer.alloc(BLOCK_HEADER_SIZE);
  out.writeInt32LE(header.version, 0);
  Buffer.from(header.previousHash, 'hex').reverse().copy(out, 4);
  Buffer.from(header.merkleRoot, 'hex').reverse().copy(out, 36);
  out.writeUInt32LE(header.time, 68);
  out.writeUInt32LE(header.bits, 72);
  out.writeUInt32LE(header.nonce, 76);
  return out;
}

export function parseHeader(bytes: Uint8Array): BlockHeader {
  if (bytes.length !== BLOCK_HEADER_SIZE)
    throw new Error(`a block header has 80 bytes, got ${bytes.length}`);
  const b = Buffer.from(bytes);
  return {
    version: b.readInt32LE(0),
    previousHash: internalBytesToHash(b.subarray(4, 36)),
    merkleRoot: internalBytesToHash(b.subarray(36, 68)),
    time: b.readUInt32LE(68),
    bits: b.readUInt32LE(72),
    nonce: b.readUInt32LE(76),
  };
}

export function doubleSha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}

/** The block hash, display hex. */
export function headerHash(header: BlockHeader): string {
  return internalBytesToHash(doubleSha256(serialiseHeader(header)));
}

/** The target a compact `bits` value stands for. */
export function targetFromBits(bits: number): bigint {
  const exponent = bits >>> 24;
  const mantissa = BigInt(bits & 0x007fffff);
  return exponent <= 3
    ? mantissa >> BigInt(8 * (3 - exponent))
    : mantissa << BigInt(8 * (exponent - 3));
}

/** Work a block with this target adds to the chain: 2^256 / (target + 1). */
export function workFromBits(bits: number): bigint {
  return (1n << 256n) / (targetFromBits(bits) + 1n);
}

export function meetsTarget(header: BlockHeader): boolean {
  return BigInt(`0x${headerHash(header)}`) <= targetFromBits(header.bits);
}

/** Finds a nonce that meets the header's target (quick on regtest difficulty); bounded. */
export function mineHeader(header: Omit<BlockHeader, 'nonce'>, maxTries = 1_000_000): BlockHeader {
  for (let nonce = 0; nonce < maxTries; nonce++) {
    const candidate = { ...header, nonce };
    if (meetsTarget(candidate)) return candidate;
  }
  throw new Error(`no nonce below ${maxTries} meets target bits ${header.bits.toString(16)}`);
}

/** The regtest genesis block header. */
export const REGTEST_GENESIS: BlockHeader = Object.freeze({
  version: 1,
  previousHash: '0'.repeat(64),
  merkleRoot: '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b',
  time: 1296688602,
  bits: 0x207fffff,
  nonce: 2,
});
