import { describe, expect, it } from '@jest/globals';
import { HOUR, peer, replay, T0 } from '../test/support/peer-fixture.js';
import { recordBlockReceived, updateMetrics } from './interaction-metrics.js';
import type { PeerRecord } from './peer-record.js';
import { reputationOf, speedFactor, type ReputationInputs } from './reputation.js';

const success = (rt: number) => (r: PeerRecord) =>
  updateMetrics(r, { recordSuccess: true, responseTimeMs: rt }, T0);
const failure = (r: PeerRecord) => updateMetrics(r, { recordFailure: true }, T0);

/** N successes at `rt` ms, then M failures, all just now. */
function history(successes: number, failures: number, rt = 100): PeerRecord {
  const steps = [
    ...Array.from({ length: successes }, () => success(rt)),
    ...Array.from({ length: failures }, () => failure),
  ];
  return replay(peer('p'), ...steps);
}

function inputs(fields: Partial<ReputationInputs>): ReputationInputs {
  return {
    maliciousCount: 0,
    interactionSuccesses: 0,
    interactionFailures: 0,
    lastInteractionSuccessMs: undefined,
    lastInteractionFailureMs: undefined,
    avgResponseTimeMs: 0,
    ...fields,
  };
}

describe('reputation (reference-peer-registry.md §3.1)', () => {
  describe('the worked values table, all events recent', () => {
    it('new peer → 50', () => {
      expect(peer('p').reputationScore).toBe(50);
    });

    it('1 success at 150 ms → (60+20+10)×1.2 = 108 → clamped to 100', () => {
      expect(history(1, 0, 150).reputationScore).toBe(100);
    });

    it('1 success, unmeasured → 90', () => {
      expect(history(1, 0, 0).reputationScore).toBe(90);
    });

    it('1 failure only → 0+20−15 = 5', () => {
      expect(history(0, 1).reputationScore).toBe(5);
    });

    it('1 success (100 ms) + 1 failure → (30+20−15+10)×1.2 = 54', () => {
      expect(history(1, 1).reputationScore).toBe(54);
    });

    it('4 successes (100 ms) + 8 failures → (20+20−15+10)×1.2 = 42', () => {
      expect(history(4, 8).reputationScore).toBe(42);
    });
  });

  it('speed factor table: 0 → 1.0, <200 → 1.2, <500 → 1.1, <2 s → 1.0, <5 s → 0.9, <10 s → 0.8, <30 s → 0.7, else 0.6', () => {
    const table = [
      0, 1, 199, 200, 499, 500, 1_999, 2_000, 4_999, 5_000, 9_999, 10_000, 29_999, 30_000, 120_000,
    ];
    expect(table.map(speedFactor)).toEqual([
      1.0, 1.2, 1.2, 1.1, 1.1, 1.0, 1.0, 0.9, 0.9, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6,
    ]);
  });

  it('the speed factor multiplies the whole score, penalties included', () => {
    const slow = inputs({
      interactionSuccesses: 1,
      interactionFailures: 1,
      lastInteractionSuccessMs: T0,
      lastInteractionFailureMs: T0,
      avgResponseTimeMs: 40_000,
    });
    expect(reputationOf(slow, T0)).toBeCloseTo((30 + 20 - 15 + 10) * 0.6, 12);
  });

  it('any malicious interaction pins the score at 5, whatever else', () => {
    const record = inputs({
      maliciousCount: 1,
      interactionSuccesses: 100,
      lastInteractionSuccessMs: T0,
      avgResponseTimeMs: 50,
    });
    expect(reputationOf(record, T0)).toBe(5);
  });

  it('no successes and no failures → 50, even with a measured response time', () => {
    expect(reputationOf(inputs({ avgResponseTimeMs: 50 }), T0)).toBe(50);
  });

  it('the recency windows are one hour: a failure or success exactly 1 h old no longer counts', () => {
    const at = (ageMs: number) =>
      reputationOf(
        inputs({
          interactionSuccesses: 1,
          interactionFailures: 1,
          lastInteractionSuccessMs: T0 - ageMs,
          lastInteractionFailureMs: T0 - ageMs,
        }),
        T0,
      );
    expect(at(HOUR - 1)).toBe(45);
    expect(at(HOUR)).toBe(50);
  });

  it('a stored score is only recomputed at the next event, so an expired window waits for it', () => {
    const justFailed = history(1, 1);
    const twoHoursLater = T0 + 2 * HOUR;
    expect(justFailed.reputationScore).toBe(54);
    expect(reputationOf(justFailed, twoHoursLater)).toBe(60);
    const next = recordBlockReceived(justFailed, 0, twoHoursLater);
    expect(next.reputationScore).toBeCloseTo(((2 / 3) * 100 * 0.6 + 20 + 10) * 1.2, 12);
  });

  describe('pre-move success-rate bands (N successes at 100 ms, then M failures)', () => {
    it.each([
      ['100%', 10, 0, 85, 100],
      ['75%', 6, 2, 55, 75],
      ['50%', 5, 5, 45, 55],
      ['25%', 2, 6, 10, 45],
      ['0%', 0, 10, 0, 35],
    ])('%s success rate stays in its band', (_, successes, failures, min, max) => {
      const score = history(successes, failures).reputationScore;
      expect(score).toBeGreaterThanOrEqual(min);
      expect(score).toBeLessThanOrEqual(max);
    });

    it('a recent success adds about 10 (±5) over one two hours old', () => {
      const record = history(5, 5);
      const old = reputationOf({ ...record, lastInteractionSuccessMs: T0 - 2 * HOUR }, T0);
      expect(record.reputationScore - old).toBeGreaterThanOrEqual(5);
      expect(record.reputationScore - old).toBeLessThanOrEqual(15);
    });

    it('a recent failure takes about 15 (±5) over one two hours old', () => {
      const record = history(6, 2);
      const old = reputationOf({ ...record, lastInteractionFailureMs: T0 - 2 * HOUR }, T0);
      expect(old - record.reputationScore).toBeGreaterThanOrEqual(10);
      expect(old - record.reputationScore).toBeLessThanOrEqual(20);
    });

    it('a malicious peer stays at 5 even after 10 successes', () => {
      const malicious = updateMetrics(peer('p'), { recordMalicious: true }, T0);
      const after = replay(malicious, ...Array.from({ length: 10 }, () => success(100)));
      expect(after.reputationScore).toBe(5);
      expect(after.maliciousCount).toBe(1);
    });
  });
});
