import { describe, expect, it } from '@jest/globals';
import { retryDelay } from './retry-delay.js';

describe('retryDelay', () => {
  it('doubles from the initial wait and stops at the maximum', () => {
    const options = { initialMs: 200, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelay(n, options))).toEqual([
      200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000,
    ]);
    expect(retryDelay(10_000, options)).toBe(10_000);
    expect(retryDelay(0, options)).toBe(200);
  });
});
