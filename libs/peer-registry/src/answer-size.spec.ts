import { describe, expect, it } from '@jest/globals';
import { textBytes, withinAnswerSize } from './answer-size.js';

describe('withinAnswerSize', () => {
  const measured: number[] = [];
  const size = {
    atMost: (item: number) => item * 2,
    allExactly: (items: readonly number[]) => items.reduce((sum, item) => sum + item + 4, 0),
    exactly: (item: number) => {
      measured.push(item);
      return item;
    },
  };

  it('answers everything without measuring when the upper bound fits', () => {
    measured.length = 0;
    expect(withinAnswerSize([100, 100], size, 408)).toEqual([100, 100]);
    expect(measured).toEqual([]);
  });

  it('measures the whole when the bound does not fit, then each item when the whole does not either', () => {
    measured.length = 0;
    expect(withinAnswerSize([396, 296, 296], size, 1000)).toEqual([396, 296, 296]);
    expect(measured).toEqual([]);
    expect(withinAnswerSize([396, 296, 296], size, 999)).toEqual([396, 296]);
    expect(withinAnswerSize([2000], size, 1000)).toEqual([]);
    expect(measured).toEqual([396, 296, 296, 2000]);
  });

  it('counts UTF-8 bytes of the texts an item carries', () => {
    expect(textBytes(['abc', undefined, 'é'], 10)).toBe(15);
  });
});
