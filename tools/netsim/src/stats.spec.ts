import { describe, expect, it } from '@jest/globals';
import { mean, quantile, spread } from './stats.js';

describe('stats', () => {
  it('takes nearest-rank quantiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(spread(values)).toEqual({ p50: 50, p90: 90, p99: 99, max: 100, count: 100 });
    expect(quantile([], 0.5)).toBeNaN();
    expect(mean([1, 2, 6])).toBe(3);
  });
});
