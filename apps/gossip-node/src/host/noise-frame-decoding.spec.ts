import { describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { defaultLogger } from '@libp2p/logger';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { multiaddrConnectionPair } from '@libp2p/utils';
import { randomBytes } from 'node:crypto';
import { Uint8ArrayList } from 'uint8arraylist';
import { noiseFrameLength, noiseWithCheapFrameLengths } from './noise-frame-decoding.js';

describe('noiseFrameLength', () => {
  it('reads the big-endian length from an array or a list split anywhere', () => {
    expect(noiseFrameLength(Uint8Array.of(0x01, 0x02, 0xff))).toBe(258);
    expect(noiseFrameLength(new Uint8ArrayList(Uint8Array.of(0xff), Uint8Array.of(0xfe)))).toBe(
      65534,
    );
  });

  it('throws the same RangeError, without a new stack, while fewer than two bytes are there', () => {
    const caught = [new Uint8Array(0), Uint8Array.of(1), new Uint8ArrayList()].map((bytes) => {
      try {
        return noiseFrameLength(bytes);
      } catch (error) {
        return error;
      }
    });
    expect(caught[0]).toBeInstanceOf(RangeError);
    expect(caught[1]).toBe(caught[0]);
    expect(caught[2]).toBe(caught[0]);
  });
});

describe('noiseWithCheapFrameLengths', () => {
  async function securedPair() {
    const [dialerKey, listenerKey] = await Promise.all([
      generateKeyPair('Ed25519'),
      generateKeyPair('Ed25519'),
    ]);
    const encrypter = (privateKey: typeof dialerKey) =>
      noiseWithCheapFrameLengths()({ privateKey, logger: defaultLogger() } as never);
    const [outbound, inbound] = multiaddrConnectionPair();
    const [dialer, listener] = await Promise.all([
      encrypter(dialerKey).secureOutbound(outbound, {
        remotePeer: peerIdFromPrivateKey(listenerKey),
        skipStreamMuxerNegotiation: true,
      }),
      encrypter(listenerKey).secureInbound(inbound, { skipStreamMuxerNegotiation: true }),
    ]);
    return { dialer, listener };
  }

  it('installs the decoder on both ends of a real Noise handshake', async () => {
    const { dialer, listener } = await securedPair();
    for (const end of [dialer, listener])
      expect(
        (end.connection as unknown as { decoder: { lengthDecoder: unknown } }).decoder
          .lengthDecoder,
      ).toBe(noiseFrameLength);
    expect(listener.remotePeer.equals(dialer.remotePeer)).toBe(false);
  });

  it('carries every byte of messages from 1 byte to several frames long, in order', async () => {
    const { dialer, listener } = await securedPair();
    const sizes = [
      1,
      2,
      3,
      100,
      65_519,
      65_520,
      65_535,
      200_000,
      1_000_000,
      ...Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % 5000)),
    ];
    const sent = sizes.map((size) => randomBytes(size));
    const expected = Buffer.concat(sent);
    const received: Uint8Array[] = [];
    let receivedBytes = 0;
    const done = new Promise<void>((resolve) =>
      listener.connection.addEventListener('message', (event) => {
        const chunk = event.data.subarray();
        received.push(chunk);
        receivedBytes += chunk.byteLength;
        if (receivedBytes >= expected.byteLength) resolve();
      }),
    );
    for (const message of sent) {
      if (!dialer.connection.send(message))
        await new Promise((resolve) =>
          dialer.connection.addEventListener('drain', resolve, { once: true }),
        );
    }
    await done;
    expect(Buffer.concat(received).equals(expected)).toBe(true);
  });
});
