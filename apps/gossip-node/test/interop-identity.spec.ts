import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { ed25519PeerId, parseEd25519KeyHex } from '@teranode-p2p/gossip';
import { buildGoPeer, goAvailable, goPeerId } from './support/go-peer.js';

const describeWithGo = goAvailable() ? describe : describe.skip;

/** teranode1's key from Teranode's settings.conf (reference-wire.md §9 item 1). */
const TERANODE1 = {
  hex: 'c8a1b91ae120878d91a04c904e0d565aa44b2575c1bb30a729bd3e36e2a1d5e6067216fa92b1a1a7e30d0aaabe288e25f1efc0830f309152638b61d84be6b71d',
  peerId: '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
};

// The node processes of the interop suites start from a 96-byte (v0.11) and a 64-byte (v0.10)
// key and are checked against these same derivations.
describeWithGo("peer IDs: Teranode's Go libraries and our key handling agree", () => {
  let binary: string;
  const keys: string[] = [TERANODE1.hex];

  beforeAll(async () => {
    binary = await buildGoPeer();
    for (let i = 0; i < 3; i++)
      keys.push(Buffer.from((await generateKeyPair('Ed25519')).raw).toString('hex'));
  }, 600_000);

  it('the same peer ID from the 64- and the 96-byte form, in go-p2p-message-bus and go-p2p', async () => {
    for (const hex64 of keys) {
      const hex96 = hex64 + hex64.slice(64);
      const ours = ed25519PeerId(parseEd25519KeyHex(hex64).publicKey);
      expect(ed25519PeerId(parseEd25519KeyHex(hex96).publicKey)).toBe(ours);
      for (const profile of ['bus', 'legacy'] as const)
        for (const form of [hex64, hex96])
          expect(await goPeerId(binary, profile, form)).toEqual({ peerId: ours });
    }
    expect(ed25519PeerId(parseEd25519KeyHex(TERANODE1.hex).publicKey)).toBe(TERANODE1.peerId);
  }, 60_000);

  it('a 96-byte key whose public copies differ is refused by both Go libraries and by us', async () => {
    const mismatched = TERANODE1.hex + randomBytes(32).toString('hex');
    for (const profile of ['bus', 'legacy'] as const)
      expect(await goPeerId(binary, profile, mismatched)).toEqual({ error: expect.any(String) });
    expect(() => parseEd25519KeyHex(mismatched)).toThrow(/public key copies differ/);
  }, 30_000);
});
