import { describe, expect, it } from '@jest/globals';
import { answerBytes, withinAnswerSize } from './answer-size.js';

describe('withinAnswerSize', () => {
  it('keeps the leading items whose sizes add up to the limit, and all when they fit', () => {
    const sizes = [400, 300, 200, 100];
    expect(withinAnswerSize(sizes, (size) => size, 900)).toEqual([400, 300, 200]);
    expect(withinAnswerSize(sizes, (size) => size, 899)).toEqual([400, 300]);
    expect(withinAnswerSize(sizes, (size) => size, 1000)).toEqual(sizes);
    expect(withinAnswerSize([2000], (size) => size, 1000)).toEqual([]);
  });

  it('counts UTF-8 bytes of the texts a peer carries, and what protobuf adds', () => {
    expect(answerBytes(['abc', undefined, 'é'])).toBe(answerBytes([]) + 3 + 2);
  });
});
