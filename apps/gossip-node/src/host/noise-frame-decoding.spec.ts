import { describe, expect, it } from '@jest/globals';
import { Uint8ArrayList } from 'uint8arraylist';
import { noiseFrameLength } from './noise-frame-decoding.js';

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
