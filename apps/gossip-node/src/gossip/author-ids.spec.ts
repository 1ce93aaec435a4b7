import { describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromMultihash, peerIdFromPrivateKey } from '@libp2p/peer-id';
import { AuthorIds } from './author-ids.js';

const newPeer = async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519'));

describe('AuthorIds', () => {
  it("gives each author's base58 peer ID, also for a new PeerId object of a known author", async () => {
    const ids = new AuthorIds(8);
    const [a, b] = [await newPeer(), await newPeer()];
    expect(ids.of(a)).toBe(a.toString());
    expect(ids.of(b)).toBe(b.toString());
    const again = peerIdFromMultihash(a.toMultihash());
    expect(ids.of(again)).toBe(a.toString());
    expect(ids.size).toBe(2);
  });

  it('holds at most max authors, dropping the oldest', async () => {
    const ids = new AuthorIds(3);
    const peers = await Promise.all(Array.from({ length: 5 }, newPeer));
    for (const peer of peers) expect(ids.of(peer)).toBe(peer.toString());
    expect(ids.size).toBe(3);
    expect(ids.of(peers[0]!)).toBe(peers[0]!.toString());
    expect(ids.size).toBe(3);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new AuthorIds(0)).toThrow(
      'maxEntries must be a whole number of at least 1, got 0',
    );
  });
});
