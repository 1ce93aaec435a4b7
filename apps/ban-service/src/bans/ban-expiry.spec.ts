import { describe, expect, it } from '@jest/globals';
import { absoluteExpiry, banExpiry, manualReason } from './ban-expiry.js';

const NOW = 1_700_000_000_500; // half a second past a whole second
const DAY = 24 * 3_600_000;

describe('banExpiry', () => {
  it('uses until, or now + duration rounded up to a whole second, or the default', () => {
    expect(banExpiry({ durationSeconds: 0n, untilSeconds: 1_700_000_100n }, NOW, DAY)).toBe(
      1_700_000_100_000,
    );
    expect(banExpiry({ durationSeconds: 60n, untilSeconds: 0n }, NOW, DAY)).toBe(1_700_000_061_000);
    expect(banExpiry({ durationSeconds: 0n, untilSeconds: 0n }, NOW, DAY)).toBe(
      Math.ceil((NOW + DAY) / 1000) * 1000,
    );
  });

  const INT64_MAX = 9_223_372_036_854_775_807n;
  const INT64_MIN = -9_223_372_036_854_775_808n;

  it.each([
    [{ durationSeconds: 0n, untilSeconds: 1_700_000_000n }, 'is not in the future'],
    [{ durationSeconds: 5n, untilSeconds: 1_800_000_000n }, 'not both'],
    [{ durationSeconds: -1n, untilSeconds: 0n }, 'duration_seconds=-1 is not'],
    [{ durationSeconds: 200n * 365n * 86_400n, untilSeconds: 0n }, 'at most 100 years'],
    [{ durationSeconds: 0n, untilSeconds: 2n ** 53n + 1n }, 'at most 100 years'],
    [{ durationSeconds: 0n, untilSeconds: INT64_MAX }, 'at most 100 years'],
    [{ durationSeconds: INT64_MAX, untilSeconds: 0n }, 'at most 100 years'],
    [{ durationSeconds: 0n, untilSeconds: INT64_MIN }, 'until=-9223372036854775808 is not'],
    [{ durationSeconds: INT64_MIN, untilSeconds: 0n }, 'duration_seconds=-9223372036854775808 is'],
  ])('%p is refused (%s)', (request, message) => {
    expect(() => banExpiry(request, NOW, DAY)).toThrow(message);
  });

  it('BanPeer needs an absolute until', () => {
    expect(() => absoluteExpiry(0n, NOW)).toThrow('until is required');
    expect(absoluteExpiry(1_700_000_100n, NOW)).toBe(1_700_000_100_000);
  });
});

describe('manualReason', () => {
  it('accepts any language, refuses control characters and more than 256 characters', () => {
    expect(manualReason('спам 🙂')).toBe('спам 🙂');
    expect(() => manualReason('a\u0007b')).toThrow('control characters');
    expect(() => manualReason('x'.repeat(257))).toThrow('at most 256');
  });
});
