import { describe, expect, it } from '@jest/globals';
import type { MultiaddrConnection, Stream } from '@libp2p/interface';
import { multiaddrConnectionPair } from '@libp2p/utils';
import { yamux } from '@libp2p/yamux';
import { Uint8ArrayList } from 'uint8arraylist';
import { grantYamuxCreditAtHalfWindow } from './yamux-window-updates.js';

const HEADER = 12;
const DATA_FRAME = 0;
const WINDOW_UPDATE_FRAME = 1;

/** Counts the yamux frames a connection sends, by type, parsing the bytes it writes. */
function countFramesSentBy(connection: MultiaddrConnection): Map<number, number> {
  const counts = new Map<number, number>();
  const pending = new Uint8ArrayList();
  const send = connection.send.bind(connection);
  connection.send = (data) => {
    pending.append(data);
    while (pending.byteLength >= HEADER) {
      const type = pending.get(1);
      const length = pending.getUint32(8);
      const frameLength = HEADER + (type === DATA_FRAME ? length : 0);
      if (pending.byteLength < frameLength) break;
      pending.consume(frameLength);
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    return send(data);
  };
  return counts;
}

async function sendAll(stream: Stream, messages: Uint8Array[]): Promise<void> {
  for (const message of messages) {
    if (!stream.send(message))
      await new Promise((resolve) => stream.addEventListener('drain', resolve, { once: true }));
  }
}

async function transfer(messages: Uint8Array[]) {
  const [outbound, inbound] = multiaddrConnectionPair();
  const receiverFrames = countFramesSentBy(inbound);
  const sender = yamux()().createStreamMuxer(outbound);
  const receiver = yamux()().createStreamMuxer(inbound);
  const total = messages.reduce((sum, m) => sum + m.byteLength, 0);
  let received = 0;
  const allReceived = new Promise<void>((resolve) => {
    receiver.addEventListener('stream', (event) => {
      event.detail.addEventListener('message', (message) => {
        received += message.data.byteLength;
        if (received === total) resolve();
      });
    });
  });
  const stream = await sender.createStream();
  await sendAll(stream, messages);
  await allReceived;
  const result = { received, windowUpdates: receiverFrames.get(WINDOW_UPDATE_FRAME) ?? 0 };
  await Promise.all([sender.close(), receiver.close()]);
  return result;
}

const small = (count: number) =>
  Array.from({ length: count }, (_, i) => new Uint8Array(1000).fill(i));

describe('yamux credit at half window', () => {
  it('upstream answers every data frame with a window update', async () => {
    const { windowUpdates } = await transfer(small(50));
    // Measured before the change is installed; the count shows what the change removes.
    expect(windowUpdates).toBeGreaterThanOrEqual(50);
  });

  it('with the change, 600 KB in 1 KB messages needs a handful of window updates and all arrive', async () => {
    grantYamuxCreditAtHalfWindow();
    const { received, windowUpdates } = await transfer(small(600));
    expect(received).toBe(600 * 1000);
    // 256 KiB initial window, credit granted each time half of it is used: 600 KB / 128 KiB
    // ≈ 5 updates (fewer once the window grows), plus the ACK of the stream's first frame.
    expect(windowUpdates).toBeGreaterThanOrEqual(2);
    expect(windowUpdates).toBeLessThanOrEqual(8);
  });

  it('a message larger than the whole window still arrives (the sender waits for credit)', async () => {
    grantYamuxCreditAtHalfWindow();
    const big = new Uint8Array(3 * 1024 * 1024).fill(7);
    const { received } = await transfer([big]);
    expect(received).toBe(big.byteLength);
  });

  it('installing twice changes nothing', async () => {
    grantYamuxCreditAtHalfWindow();
    grantYamuxCreditAtHalfWindow();
    const { received, windowUpdates } = await transfer(small(100));
    expect(received).toBe(100 * 1000);
    expect(windowUpdates).toBeLessThanOrEqual(2);
  });
});
