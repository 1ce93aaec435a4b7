import { describe, expect, it } from '@jest/globals';
import {
  headerHash,
  meetsTarget,
  mineHeader,
  parseHeader,
  REGTEST_GENESIS,
  serialiseHeader,
  targetFromBits,
  workFromBits,
} from './block-header.js';

describe('block headers', () => {
  it('hash the regtest genesis header to its well-known hash', () => {
    expect(headerHash(REGTEST_GENESIS)).toBe(
      '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206',
    );
    expect(meetsTarget(REGTEST_GENESIS)).toBe(true);
  });

  it('serialise to the 80 bytes of the mainnet genesis header', () => {
    const mainnetGenesis = {
      ...REGTEST_GENESIS,
      time: 1231006505,
      bits: 0x1d00ffff,
      nonce: 2083236893,
    };
    expect(serialiseHeader(mainnetGenesis).toString('hex')).toBe(
      '01000000' +
        '0'.repeat(64) +
        '3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a' +
        '29ab5f49' +
        'ffff001d' +
        '1dac2b7c',
    );
    expect(headerHash(mainnetGenesis)).toBe(
      '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
    );
    expect(parseHeader(serialiseHeader(mainnetGenesis))).toEqual(mainnetGenesis);
  });

  it('decode compact targets and the work they add', () => {
    expect(targetFromBits(0x1d00ffff)).toBe(0xffffn << 208n);
    expect(workFromBits(0x1d00ffff)).toBe(0x100010001n);
    expect(workFromBits(0x207fffff)).toBe(2n);
  });

  it('mine a header that meets a regtest target and links to its parent', () => {
    const parent = headerHash(REGTEST_GENESIS);
    const mined = mineHeader({
      version: 0x20000000,
      previousHash: parent,
      merkleRoot: 'ab'.repeat(32),
      time: 1700000000,
      bits: 0x207fffff,
    });
    expect(meetsTarget(mined)).toBe(true);
    expect(parseHeader(serialiseHeader(mined)).previousHash).toBe(parent);
  });

  it('refuses a header of the wrong size and gives up mining after a bounded number of tries', () => {
    expect(() => parseHeader(new Uint8Array(79))).toThrow('a block header has 80 bytes, got 79');
    expect(() =>
      mineHeader(
        {
          version: 1,
          previousHash: '0'.repeat(64),
          merkleRoot: '0'.repeat(64),
          time: 0,
          bits: 0x03000001,
        },
        10,
      ),
    ).toThrow('no nonce below 10 meets target bits 3000001');
  });
});
