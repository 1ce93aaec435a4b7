import { describe, expect, it } from '@jest/globals';
import { redialDelay } from './static-peer-dialer.js';

describe('redialDelay', () => {
  it('doubles from the initial delay up to the cap, within ±20 %', () => {
    const policy = { initialDelayMs: 500, maxDelayMs: 30_000 };
    for (const [failures, base] of [
      [0, 500],
      [1, 1000],
      [3, 4000],
      [10, 30_000],
      [1000, 30_000],
    ] as const) {
      const delay = redialDelay(policy, failures);
      expect(delay).toBeGreaterThanOrEqual(base * 0.8);
      expect(delay).toBeLessThanOrEqual(base * 1.2);
    }
  });
});
