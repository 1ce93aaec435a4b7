import { describe, expect, it } from '@jest/globals';
import { absoluteExpiry, banExpiry, manualReason } from './ban-expiry.js';

const NOW = 1_700_000_000_500; // half a second past a whole second
const DAY = 24 * 3_600_000;

describe('banExpiry', () => {
  it('uses until, or now + duration rounded up to a whole second, or the default', () => {
    expect(banExpiry({ durationSeconds: 0, untilSeconds: 1_700_000_100 }, NOW, DAY)).toBe(
      1_700_000_100_000,
    );
    expect(banExpiry({ durationSeconds: 60, untilSeconds: 0 }, NOW, DAY)).toBe(1_700_000_061_000);
    expect(banExpiry({ durationSeconds: 0, untilSeconds: 0 }, NOW, DAY)).toBe(
      Math.ceil((NOW + DAY) / 1000) * 1000,
    );
  });

  it.each([
    [{ durationSeconds: 0, untilSeconds: 1_700_000_000 }, 'is not in the future'],
    [{ durationSeconds: 5, untilSeconds: 1_800_000_000 }, 'not both'],
    [{ durationSeconds: -1, untilSeconds: 0 }, 'duration_seconds=-1'],
    [{ durationSeconds: 0.5, untilSeconds: 0 }, 'duration_seconds=0.5'],
    [{ durationSeconds: 0, untilSeconds: Number.MAX_SAFE_INTEGER + 2 }, 'until='],
    [{ durationSeconds: 200 * 365 * 86_400, untilSeconds: 0 }, 'at most 100 years'],
  ])('%j is refused (%s)', (request, message) => {
    expect(() => banExpiry(request, NOW, DAY)).toThrow(message);
  });

  it('BanPeer needs an absolute until', () => {
    expect(() => absoluteExpiry(0, NOW)).toThrow('until is required');
    expect(absoluteExpiry(1_700_000_100, NOW)).toBe(1_700_000_100_000);
  });
});

describe('manualReason', () => {
  it('accepts any language, refuses control characters and more than 256 characters', () => {
    expect(manualReason('спам 🙂')).toBe('спам 🙂');
    expect(() => manualReason('a\u0007b')).toThrow('control characters');
    expect(() => manualReason('x'.repeat(257))).toThrow('at most 256');
  });
});
