import { describe, expect, it } from '@jest/globals';
import { MINUTE, T0 } from '../test/support/peer-fixture.js';
import {
  backoffWindowMs,
  checkBackoff,
  enterBackoff,
  NO_BACKOFF,
  reputationRecoveryCooldownMs,
  type BackoffState,
} from './sync-backoff.js';

/** Enters backoff at `atMs` and lets it run out, `times` times. */
function exhaust(times: number, backoff: BackoffState = NO_BACKOFF): BackoffState {
  let state = backoff;
  let now = T0;
  for (let i = 0; i < times; i++) {
    state = enterBackoff(state, now).backoff;
    now += backoffWindowMs(state);
    state = checkBackoff(state, now).backoff;
  }
  return state;
}

describe('sync backoff (§5.1–5.2)', () => {
  it('entering starts a 2 s window at multiplier 1', () => {
    const { backoff, entered } = enterBackoff(NO_BACKOFF, T0);
    expect(entered).toBe(true);
    expect(backoff).toEqual({ active: true, sinceMs: T0, multiplier: 1 });
    expect(backoffWindowMs(backoff)).toBe(2_000);
  });

  it('entering while in backoff changes nothing', () => {
    const first = enterBackoff(NO_BACKOFF, T0).backoff;
    expect(enterBackoff(first, T0 + 1_000)).toEqual({ backoff: first, entered: false });
  });

  it('is waiting inside the window, and not at all when not in backoff', () => {
    const backoff = enterBackoff(NO_BACKOFF, T0).backoff;
    expect(checkBackoff(backoff, T0 + 1_999).waiting).toBe(true);
    expect(checkBackoff(NO_BACKOFF, T0).waiting).toBe(false);
  });

  it('a window that has passed ends the backoff and doubles the multiplier', () => {
    const backoff = enterBackoff(NO_BACKOFF, T0).backoff;
    expect(checkBackoff(backoff, T0 + 2_000)).toEqual({
      backoff: { active: false, sinceMs: T0, multiplier: 2 },
      waiting: false,
    });
  });

  it('windows grow 2, 4, 8 … 64 s and stay at 64 s (multiplier 32)', () => {
    const windows = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffWindowMs(exhaust(n)));
    expect(windows).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 64_000, 64_000]);
  });

  it('the recovery cooldown is 5 min × max(1, ⌊multiplier / 2⌋)', () => {
    const cooldowns = [0, 1, 2, 3, 5].map((n) => reputationRecoveryCooldownMs(exhaust(n)) / MINUTE);
    expect(cooldowns).toEqual([5, 5, 10, 20, 80]);
  });
});
