import { describe, expect, it } from '@jest/globals';
import {
  ChainHashError,
  hashToInternalBytes,
  internalBytesToHash,
  normaliseHash,
} from './chain-hash.js';

const GENESIS = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';

describe('chain hashes', () => {
  it('turns display hex into internal byte order and back', () => {
    const bytes = hashToInternalBytes(GENESIS);
    expect(bytes.toString('hex')).toBe(
      '6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000',
    );
    expect(internalBytesToHash(bytes)).toBe(GENESIS);
  });

  it('normalises case and pads short or odd-length hashes on the left', () => {
    expect(normaliseHash(GENESIS.toUpperCase())).toBe(GENESIS);
    expect(normaliseHash('abc')).toBe('0'.repeat(61) + 'abc');
    expect(normaliseHash('')).toBe('0'.repeat(64));
  });

  it.each([
    ['g'.repeat(64), 'is not hexadecimal'],
    ['0x12', 'is not hexadecimal'],
    ['a'.repeat(65), 'is longer than 64 hex digits'],
  ])('rejects %s', (text, message) => {
    expect(() => normaliseHash(text)).toThrow(ChainHashError);
    expect(() => normaliseHash(text)).toThrow(message);
  });

  it('refuses internal bytes of the wrong length', () => {
    expect(() => internalBytesToHash(new Uint8Array(31))).toThrow('a hash has 32 bytes, got 31');
  });
});
