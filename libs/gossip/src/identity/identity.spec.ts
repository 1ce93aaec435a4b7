import { describe, expect, it } from '@jest/globals';
import { IdentityKeyError, parseEd25519KeyHex } from './ed25519-key.js';
import { goPubsubMessageId } from './message-id.js';
import { ed25519PeerId, ed25519PeerIdBytes } from './peer-id.js';

// teranode-contracts.md, "Test vectors"
const KEY =
  'c8a1b91ae120878d91a04c904e0d565aa44b2575c1bb30a729bd3e36e2a1d5e6067216fa92b1a1a7e30d0aaabe288e25f1efc0830f309152638b61d84be6b71d';
const PUBLIC = '067216fa92b1a1a7e30d0aaabe288e25f1efc0830f309152638b61d84be6b71d';
const PEER_ID = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';

describe('peer ID from a Teranode key', () => {
  it('derives the peer ID of the 64-byte form', () => {
    const key = parseEd25519KeyHex(KEY);
    expect(Buffer.from(key.publicKey).toString('hex')).toBe(PUBLIC);
    expect(ed25519PeerId(key.publicKey)).toBe(PEER_ID);
  });

  it('derives the same peer ID from the 96-byte form', () => {
    const key = parseEd25519KeyHex(KEY + PUBLIC);
    expect(key.raw).toHaveLength(64);
    expect(ed25519PeerId(key.publicKey)).toBe(PEER_ID);
  });

  it.each([
    ['not hex', 'zz'.repeat(64), 'failed to decode key'],
    ['odd length', KEY.slice(1), 'failed to decode key'],
    ['32 bytes', KEY.slice(0, 64), 'failed to unmarshal key: expected 64 or 96 bytes, got 32'],
    ['96 bytes with a different copy', KEY + '00'.repeat(32), 'the two public key copies differ'],
  ])('refuses %s', (_name, hex, message) => {
    expect(() => parseEd25519KeyHex(hex)).toThrow(IdentityKeyError);
    expect(() => parseEd25519KeyHex(hex)).toThrow(message);
  });
});

describe('go-libp2p-pubsub message ID', () => {
  it('is the author multihash then the 8-byte big-endian seqno (46 bytes)', () => {
    const author = ed25519PeerIdBytes(parseEd25519KeyHex(KEY).publicKey);
    const id = goPubsubMessageId(author, 1n);
    expect(id).toHaveLength(46);
    expect(Buffer.from(id).toString('hex')).toBe(`002408011220${PUBLIC}0000000000000001`);
  });

  it('writes the largest seqno without overflow', () => {
    const id = goPubsubMessageId(Uint8Array.of(1), 0xffff_ffff_ffff_ffffn);
    expect(Buffer.from(id).toString('hex')).toBe('01ffffffffffffffff');
  });
});
