import { describe, expect, it } from '@jest/globals';
import { DEFAULT_REASON_POINTS, type BanReason } from './ban-reasons.js';
import {
  addScore,
  emptyScore,
  isIdle,
  isScoreBanned,
  scoreAt,
  scorePolicy,
  type PeerScoreState,
  type ScorePolicy,
} from './peer-score.js';

const T0 = 1_700_000_000_000;

function policy(overrides: Partial<ScorePolicy> = {}): ScorePolicy {
  return scorePolicy({
    threshold: 100,
    banDurationMs: 24 * 3_600_000,
    decayIntervalMs: 60_000,
    decayAmount: 1,
    maxReasons: 20,
    ...overrides,
  });
}

function run(reasons: BanReason[], p: ScorePolicy, nowMs = T0): PeerScoreState | undefined {
  let state: PeerScoreState | undefined;
  for (const reason of reasons) state = addScore(state, reason, p, nowMs).state;
  return state;
}

describe('score arithmetic (reference-service.md §10 items 61–71)', () => {
  it('61: threshold 30: invalid_subtree → (10, not banned), protocol_violation → (30, banned)', () => {
    const p = policy({ threshold: 30 });
    const first = addScore(undefined, 'invalid_subtree', p, T0);
    expect([first.state.score, first.newlyBanned]).toEqual([10, false]);
    const second = addScore(first.state, 'protocol_violation', p, T0);
    expect([second.state.score, second.newlyBanned]).toEqual([30, true]);
    expect(second.state.bannedUntilMs).toBe(T0 + p.banDurationMs);
    expect(second.state.reasons.at(-1)?.reason).toBe('protocol_violation');
  });

  it('62: last update 3 s back with interval 1 s, amount 5 → the next add stays below 30', () => {
    const p = policy({ threshold: 30, decayIntervalMs: 1000, decayAmount: 5 });
    const first = addScore(undefined, 'invalid_subtree', p, T0).state;
    const second = addScore(first, 'protocol_violation', p, T0 + 3000);
    expect(second.state.score).toBe(20);
    expect(second.newlyBanned).toBe(false);
  });

  it('63: an unknown reason scores 1 and does not ban', () => {
    const outcome = addScore(undefined, 'unknown', policy(), T0);
    expect([outcome.state.score, outcome.newlyBanned]).toEqual([1, false]);
  });

  it('64: a zero score without a ban is idle (the sweeper forgets it)', () => {
    const p = policy({ decayIntervalMs: 1000 });
    const state = run(['invalid_subtree'], p)!;
    expect(isIdle(state)).toBe(false);
    expect(isIdle(scoreAt(state, p, T0 + 10_000))).toBe(true);
  });

  it('65: invalid_subtree + spam → 60, not banned, both reasons in order', () => {
    const state = run(['invalid_subtree', 'spam'], policy())!;
    expect(state.score).toBe(60);
    expect(isScoreBanned(state, T0)).toBe(false);
    expect(state.reasons.map((r) => r.reason)).toEqual(['invalid_subtree', 'spam']);
  });

  it('66: threshold 10, duration 1 s: spam bans; 2 s later the ban is over and the peer forgotten', () => {
    const p = policy({ threshold: 10, banDurationMs: 1000 });
    const state = run(['spam'], p)!;
    expect(isScoreBanned(state, T0)).toBe(true);
    const later = scoreAt(state, p, T0 + 2000);
    expect(isScoreBanned(later, T0 + 2000)).toBe(false);
    expect(later).toEqual(emptyScore(T0 + 2000));
  });

  it('69: threshold 90: spam → (50, false), spam → (100, true); a banned peer keeps scoring, ban not extended', () => {
    const p = policy({ threshold: 90 });
    const a = addScore(undefined, 'spam', p, T0);
    const b = addScore(a.state, 'spam', p, T0);
    expect([a.state.score, a.newlyBanned, b.state.score, b.newlyBanned]).toEqual([
      50,
      false,
      100,
      true,
    ]);
    const c = addScore(b.state, 'spam', p, T0 + 5000);
    expect([c.state.score, c.newlyBanned, c.state.bannedUntilMs]).toEqual([
      150,
      false,
      b.state.bannedUntilMs,
    ]);
  });

  it('70: interval 1 s, amount 10: spam (50), 10 s later invalid_subtree → 10', () => {
    const p = policy({ decayIntervalMs: 1000, decayAmount: 10 });
    const first = addScore(undefined, 'spam', p, T0).state;
    expect(addScore(first, 'invalid_subtree', p, T0 + 10_000).state.score).toBe(10);
  });

  it('71: catchup_failure scores 30 and is recorded', () => {
    const state = run(['catchup_failure'], policy())!;
    expect(state.score).toBe(30);
    expect(state.reasons).toEqual([{ reason: 'catchup_failure', points: 30, atMs: T0 }]);
  });

  it('decay applies on read, not only when score is added (deviation: the reference decays only in AddScore)', () => {
    const p = policy();
    const state = run(['spam'], p)!;
    expect(scoreAt(state, p, T0 + 59_999).score).toBe(50);
    expect(scoreAt(state, p, T0 + 10 * 60_000).score).toBe(40);
  });

  it('partial intervals are kept: reading every 40 s still decays 1 point a minute', () => {
    const p = policy();
    let state = run(['spam'], p)!;
    for (let t = 40_000; t <= 600_000; t += 40_000) state = scoreAt(state, p, T0 + t);
    expect(state.score).toBe(40);
  });

  it('no decay while banned', () => {
    const p = policy({ threshold: 50 });
    const state = run(['spam'], p)!;
    expect(scoreAt(state, p, T0 + 3_600_000).score).toBe(50);
  });

  it('keeps only the most recent maxReasons reasons', () => {
    const p = policy({ maxReasons: 3, threshold: 1000 });
    const state = run(['spam', 'invalid_block', 'unknown', 'invalid_subtree'], p)!;
    expect(state.reasons.map((r) => r.reason)).toEqual([
      'invalid_block',
      'unknown',
      'invalid_subtree',
    ]);
  });

  it('action → number of times until banned, with the default table and threshold', () => {
    const times = (reason: BanReason) => Math.ceil(100 / DEFAULT_REASON_POINTS[reason]);
    expect({
      spam: times('spam'),
      protocol_violation: times('protocol_violation'),
      catchup_failure: times('catchup_failure'),
      invalid_block: times('invalid_block'),
      unknown: times('unknown'),
    }).toEqual({
      spam: 2,
      protocol_violation: 5,
      catchup_failure: 4,
      invalid_block: 10,
      unknown: 100,
    });
    const p = policy();
    const state = run(['spam', 'spam'], p)!;
    expect(isScoreBanned(state, T0)).toBe(true);
  });
});
