import { describe, expect, it } from '@jest/globals';
import { LengthPrefixedDecoder } from '@libp2p/utils';
import { Uint8ArrayList } from 'uint8arraylist';
import { useCheapFrameDecoding } from './noise-frame-decoding.js';

/** A decoder as @libp2p/noise 17 builds one for each connection. */
function noiseDecoder(limits: { maxBufferSize?: number; maxDataLength?: number } = {}) {
  let lengthReads = 0;
  const lengthDecoder = (data: Uint8Array | Uint8ArrayList) => {
    lengthReads++;
    if (data.byteLength < 2) throw new RangeError('Could not decode int16BE');
    return data instanceof Uint8ArrayList
      ? data.getUint16(0)
      : new DataView(data.buffer, data.byteOffset).getUint16(0);
  };
  const decoder = new LengthPrefixedDecoder({
    lengthDecoder,
    maxBufferSize: limits.maxBufferSize ?? 16 * 1024 * 1024,
    encodingLength: () => 2,
    ...(limits.maxDataLength === undefined ? {} : { maxDataLength: limits.maxDataLength }),
  });
  return { decoder, lengthDecoder, lengthReads: () => lengthReads };
}

function cheap(decoder: LengthPrefixedDecoder): LengthPrefixedDecoder {
  useCheapFrameDecoding({ connection: { decoder } } as never);
  return decoder;
}

function frame(length: number, fill: number): Uint8Array {
  const bytes = new Uint8Array(2 + length).fill(fill);
  new DataView(bytes.buffer).setUint16(0, length);
  return bytes;
}

/** Deterministic chunk sizes (a small LCG), so a failure can be replayed. */
function chunks(stream: Uint8Array, seed: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let state = seed;
  for (let at = 0; at < stream.length;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % 3000);
    out.push(stream.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** The bytes a decoder holds back for the next read. */
const pending = (decoder: LengthPrefixedDecoder) =>
  (decoder as unknown as { buffer: Uint8ArrayList }).buffer.byteLength;

const decodeAll = (decoder: LengthPrefixedDecoder, parts: Uint8Array[]) =>
  parts.flatMap((part) => [...decoder.decode(part)].map((list) => Buffer.from(list.subarray())));

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('useCheapFrameDecoding', () => {
  const lengths = [0, 1, 2, 100, 1_199, 1_200, 4_096, 65_535, 0, 3, 7_000, 1];
  const stream = Buffer.concat(lengths.map((length, i) => frame(length, i + 1)));

  it('yields exactly the frames upstream does, however the bytes are split', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const parts = chunks(stream, seed);
      const upstream = noiseDecoder().decoder;
      const ours = cheap(noiseDecoder().decoder);
      const expected = decodeAll(upstream, parts);
      expect(expected).toHaveLength(lengths.filter((length) => length > 0).length);
      expect(decodeAll(ours, parts)).toEqual(expected);
      expect(pending(ours)).toBe(pending(upstream));
    }
  });

  it('never asks the length decoder, so no exception ends a read, even one byte at a time', () => {
    const { decoder, lengthDecoder, lengthReads } = noiseDecoder();
    const ours = cheap(decoder);
    expect((ours as unknown as { lengthDecoder: unknown }).lengthDecoder).toBe(lengthDecoder);
    const oneByteParts = [...stream.subarray(0, 5_000)].map((byte) => Uint8Array.of(byte));
    const frames = decodeAll(ours, oneByteParts);
    expect(frames.map((f) => f.length)).toEqual([1, 2, 100, 1_199, 1_200]);
    expect(lengthReads()).toBe(0);
    // Upstream reads a length (and throws on the incomplete ones) for every read.
    const stock = noiseDecoder();
    decodeAll(stock.decoder, oneByteParts);
    expect(stock.lengthReads()).toBeGreaterThan(4_000);
  });

  it('keeps a partial frame until its last byte arrives', () => {
    const ours = cheap(noiseDecoder().decoder);
    const whole = frame(10, 9);
    expect([...ours.decode(whole.subarray(0, 1))]).toHaveLength(0);
    expect([...ours.decode(whole.subarray(1, 11))]).toHaveLength(0);
    const [last] = [...ours.decode(whole.subarray(11))];
    expect(Buffer.from(last!.subarray())).toEqual(Buffer.alloc(10, 9));
    expect(pending(ours)).toBe(0);
  });

  it.each([
    { limit: 'buffer', limits: { maxBufferSize: 200 }, read: frame(300, 1).subarray(0, 250) },
    { limit: 'frame length', limits: { maxDataLength: 10 }, read: frame(20, 1) },
  ])("refuses input over the $limit limit with upstream's error", ({ limits, read }) => {
    const upstream = errorOf(() => [...noiseDecoder(limits).decoder.decode(read)]);
    const ours = errorOf(() => [...cheap(noiseDecoder(limits).decoder).decode(read)]);
    expect(upstream).toBeInstanceOf(Error);
    expect(ours).toEqual(upstream);
    expect((ours as Error).name).toBe((upstream as Error).name);
  });

  it('leaves a decoder alone that is not a 2-byte length-prefixed one', () => {
    const varint = new LengthPrefixedDecoder();
    const decode = varint.decode;
    useCheapFrameDecoding({ connection: { decoder: varint } } as never);
    expect(varint.decode).toBe(decode);
  });
});
