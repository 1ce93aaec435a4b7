import { describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import {
  isRoutedKey,
  routeEd25519Verification,
  type Ed25519Verifier,
} from './ed25519-verification-route.js';

function recorder(answer: boolean) {
  const calls: Uint8Array[][] = [];
  const verifier: Ed25519Verifier = {
    verify: (publicKey, data, signature) => {
      calls.push([publicKey, data, signature]);
      return Promise.resolve(answer);
    },
  };
  return { verifier, calls };
}

describe('routeEd25519Verification', () => {
  it("sends libp2p's Ed25519 checks to the verifier until removed, latest route first", async () => {
    const key = await generateKeyPair('Ed25519');
    const data = new TextEncoder().encode('libp2p-pubsub:message');
    const signature = await key.sign(data);
    expect(key.publicKey.verify(data, signature)).toBe(true);

    const first = recorder(true);
    const second = recorder(false);
    const unrouteFirst = routeEd25519Verification(first.verifier);
    const unrouteSecond = routeEd25519Verification(second.verifier);
    try {
      // a freshly decoded key, as gossipsub makes from each message's author
      const fresh = (await generateKeyPair('Ed25519')).publicKey;
      expect(isRoutedKey(fresh)).toBe(true);
      expect(await fresh.verify(data, signature)).toBe(false);
      expect(second.calls).toHaveLength(1);
      expect(second.calls[0]![0]).toEqual(fresh.raw);
      unrouteSecond();
      expect(await key.publicKey.verify(data, signature)).toBe(true);
      expect(first.calls).toHaveLength(1);
      expect(first.calls[0]).toEqual([key.publicKey.raw, data, signature]);
    } finally {
      unrouteSecond();
      unrouteFirst();
    }
    // libp2p's own synchronous check again
    expect(isRoutedKey(key.publicKey)).toBe(false);
    expect(key.publicKey.verify(data, signature)).toBe(true);
    expect(key.publicKey.verify(data, new Uint8Array(64))).toBe(false);
    expect(first.calls).toHaveLength(1);
  });

  it('honours an aborted signal as libp2p does', async () => {
    const key = await generateKeyPair('Ed25519');
    const unroute = routeEd25519Verification(recorder(true).verifier);
    try {
      const controller = new AbortController();
      controller.abort();
      expect(() =>
        key.publicKey.verify(new Uint8Array(1), new Uint8Array(64), { signal: controller.signal }),
      ).toThrow();
    } finally {
      unroute();
    }
  });
});
