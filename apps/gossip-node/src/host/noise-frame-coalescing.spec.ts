import { describe, expect, it } from '@jest/globals';
import type { MultiaddrConnection } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Uint8ArrayList } from 'uint8arraylist';
import { securedNoisePair, type NoiseFactory } from '../../test/support/noise-pair.js';
import { COALESCED_BYTES_LIMIT, coalesceNoiseFrames } from './noise-frame-coalescing.js';
import { tunedNoise } from './tuned-noise.js';

const stock: NoiseFactory = () => noise();

/** Counts the Noise frames a connection writes, from the 2-byte length prefixes on the wire. */
function frameCounter(wire: MultiaddrConnection) {
  const pending = new Uint8ArrayList();
  let frames = 0;
  const send = wire.send.bind(wire);
  wire.send = (data) => {
    pending.append(data);
    while (pending.byteLength >= 2) {
      const length = pending.getUint16(0);
      if (pending.byteLength < 2 + length) break;
      pending.consume(2 + length);
      frames++;
    }
    return send(data);
  };
  return () => frames;
}

async function securedPair(dialerNoise: NoiseFactory, listenerNoise: NoiseFactory) {
  // Room for a whole test's frames, so the in-memory transport never asks for a drain.
  const { dialer, listener, wire } = await securedNoisePair(dialerNoise, listenerNoise, {
    capacity: 1000,
  });
  const received = new Uint8ArrayList();
  listener.connection.addEventListener('message', (event) => received.append(event.data));
  const arrived = async (bytes: number) => {
    for (let turn = 0; turn < 1000 && received.byteLength < bytes; turn++) await nextTurn();
    return received.subarray();
  };
  return { dialer, listener, framesSent: frameCounter(wire), arrived };
}

describe('coalesceNoiseFrames', () => {
  it('seals the sends of one event-loop turn as one Noise frame, in order (stock Noise: one each)', async () => {
    for (const [sender, framesPerTurn] of [
      [tunedNoise, 1],
      [stock, 10],
    ] as const) {
      const { dialer, framesSent, arrived } = await securedPair(sender, stock);
      const messages = Array.from({ length: 10 }, (_, i) => randomBytes(100 + i));
      for (const message of messages) expect(dialer.connection.send(message)).toBe(true);
      const expected = Buffer.concat(messages);
      expect(Buffer.from(await arrived(expected.byteLength)).equals(expected)).toBe(true);
      expect(framesSent()).toBe(framesPerTurn);
    }
  });

  it('seals at once what reaches the limit within a turn, as upstream sends', async () => {
    const { dialer, framesSent, arrived } = await securedPair(tunedNoise, stock);
    const small = randomBytes(100);
    const large = randomBytes(COALESCED_BYTES_LIMIT);
    dialer.connection.send(small);
    expect(framesSent()).toBe(0);
    dialer.connection.send(large);
    // Both went out before the turn ended, together (what was waiting comes first).
    expect(framesSent()).toBe(1);
    const expected = Buffer.concat([small, large]);
    expect(Buffer.from(await arrived(expected.byteLength)).equals(expected)).toBe(true);
  });

  it('seals what is waiting before close() closes the transport', async () => {
    const { dialer, framesSent, arrived } = await securedPair(tunedNoise, tunedNoise);
    const message = randomBytes(500);
    dialer.connection.send(message);
    await dialer.connection.close();
    expect(framesSent()).toBe(1);
    expect(Buffer.from(await arrived(message.byteLength)).equals(message)).toBe(true);
  });

  it('leaves back-pressure to upstream: while the transport needs draining, a send says so and waits', async () => {
    const { dialer, framesSent, arrived } = await securedPair(tunedNoise, stock);
    const connection = dialer.connection as unknown as { writableNeedsDrain: boolean };
    connection.writableNeedsDrain = true;
    const message = randomBytes(200);
    expect(dialer.connection.send(message)).toBe(false);
    await nextTurn();
    expect(framesSent()).toBe(0);
    dialer.connection.dispatchEvent(new Event('drain'));
    expect(Buffer.from(await arrived(message.byteLength)).equals(message)).toBe(true);
    expect(framesSent()).toBe(1);
  });

  it('refuses sends on a closed connection with upstream error, and drops what abort() discards', async () => {
    const { dialer, framesSent } = await securedPair(tunedNoise, stock);
    dialer.connection.send(randomBytes(10));
    dialer.connection.abort(new Error('test abort'));
    await nextTurn();
    expect(framesSent()).toBe(0);
    expect(() => dialer.connection.send(randomBytes(10))).toThrow(/Cannot write to a stream/);
  });

  it('refuses a Noise connection without the send queue it relies on', () => {
    expect(() =>
      coalesceNoiseFrames({ connection: { send() {} }, remotePeer: {} } as never),
    ).toThrow(/@libp2p\/noise changed/);
  });
});
