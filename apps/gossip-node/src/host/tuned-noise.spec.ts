import { describe, expect, it } from '@jest/globals';
import { noise } from '@libp2p/noise';
import { randomBytes } from 'node:crypto';
import { securedNoisePair as securedPair } from '../../test/support/noise-pair.js';
import { tunedNoise } from './tuned-noise.js';

/** Sends messages of every size class one way and returns whether the bytes arrived intact. */
async function carriesEveryByte(
  from: Awaited<ReturnType<typeof securedPair>>['dialer'],
  to: Awaited<ReturnType<typeof securedPair>>['listener'],
): Promise<boolean> {
  const sizes = [
    1,
    2,
    3,
    100,
    1199,
    1200,
    4095,
    4096,
    4097,
    65_519,
    65_520,
    65_535,
    200_000,
    1_000_000,
    ...Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % 6000)),
  ];
  const sent = sizes.map((size) => randomBytes(size));
  const expected = Buffer.concat(sent);
  const received: Uint8Array[] = [];
  let receivedBytes = 0;
  const done = new Promise<void>((resolve) =>
    to.connection.addEventListener('message', (event) => {
      const chunk = event.data.subarray();
      received.push(chunk);
      receivedBytes += chunk.byteLength;
      if (receivedBytes >= expected.byteLength) resolve();
    }),
  );
  for (const message of sent) {
    if (!from.connection.send(message))
      await new Promise((resolve) =>
        from.connection.addEventListener('drain', resolve, { once: true }),
      );
  }
  await done;
  return Buffer.concat(received).equals(expected);
}

describe('tunedNoise', () => {
  it('installs the frame decoder on both ends of a real Noise handshake', async () => {
    const { dialer, listener } = await securedPair(tunedNoise, tunedNoise);
    for (const end of [dialer, listener]) {
      const { decoder } = end.connection as unknown as { decoder: object };
      expect(Object.hasOwn(decoder, 'decode')).toBe(true);
    }
    expect(listener.remotePeer.equals(dialer.remotePeer)).toBe(false);
  });

  it('carries every byte of messages from 1 byte to several frames long, in order', async () => {
    const { dialer, listener } = await securedPair(tunedNoise, tunedNoise);
    expect(await carriesEveryByte(dialer, listener)).toBe(true);
    expect(await carriesEveryByte(listener, dialer)).toBe(true);
  });

  it('speaks the same wire as stock @libp2p/noise in both directions and roles', async () => {
    const stock = () => noise();
    for (const [dialerNoise, listenerNoise] of [
      [tunedNoise, stock],
      [stock, tunedNoise],
    ] as const) {
      const { dialer, listener } = await securedPair(dialerNoise, listenerNoise);
      expect(await carriesEveryByte(dialer, listener)).toBe(true);
      expect(await carriesEveryByte(listener, dialer)).toBe(true);
    }
  });
});
