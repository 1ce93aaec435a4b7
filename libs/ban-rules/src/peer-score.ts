import { DEFAULT_REASON_POINTS, type BanReason, type ReasonPoints } from './ban-reasons.js';

export interface RecordedReason {
  reason: BanReason;
  points: number;
  /** Unix milliseconds. */
  atMs: number;
}

/** A peer's score as stored: decay is applied from `lastUpdateMs` whenever it is read. */
export interface PeerScoreState {
  score: number;
  lastUpdateMs: number;
  /** Set while a score ban lasts. */
  bannedUntilMs: number | null;
  /** Most recent last, at most `maxReasons`. */
  reasons: RecordedReason[];
}

export interface ScorePolicy {
  /** Banned when the score reaches this. */
  threshold: number;
  banDurationMs: number;
  decayIntervalMs: number;
  decayAmount: number;
  maxReasons: number;
  points: ReasonPoints;
}

export function scorePolicy(
  settings: Omit<ScorePolicy, 'points'> & { points?: ReasonPoints },
): ScorePolicy {
  return { ...settings, points: settings.points ?? DEFAULT_REASON_POINTS };
}

export function emptyScore(nowMs: number): PeerScoreState {
  return { score: 0, lastUpdateMs: nowMs, bannedUntilMs: null, reasons: [] };
}

export function isScoreBanned(state: PeerScoreState, nowMs: number): boolean {
  return state.bannedUntilMs !== null && state.bannedUntilMs > nowMs;
}

/**
 * The state as of `nowMs`: a ban that has run out forgets the peer (score 0, no reasons, as
 * the reference does); otherwise, unless banned, every whole decay interval since the last
 * update removes `decayAmount` points. The remainder of a partial interval is kept, so
 * reading often does not slow the decay.
 */
export function scoreAt(state: PeerScoreState, policy: ScorePolicy, nowMs: number): PeerScoreState {
  if (state.bannedUntilMs !== null) {
    return state.bannedUntilMs > nowMs ? state : emptyScore(nowMs);
  }
  const steps = Math.floor((nowMs - state.lastUpdateMs) / policy.decayIntervalMs);
  if (steps <= 0) return state;
  const score = Math.max(0, state.score - steps * policy.decayAmount);
  const lastUpdateMs = score === 0 ? nowMs : state.lastUpdateMs + steps * policy.decayIntervalMs;
  return { ...state, score, lastUpdateMs };
}

export interface ScoreOutcome {
  state: PeerScoreState;
  points: number;
  /** True only on the call that crossed the threshold. */
  newlyBanned: boolean;
}

/**
 * Decays, adds the reason's points, records the reason (bounded), and bans when the threshold
 * is reached. A banned peer keeps accumulating score; its ban is not extended.
 */
export function addScore(
  previous: PeerScoreState | undefined,
  reason: BanReason,
  policy: ScorePolicy,
  nowMs: number,
): ScoreOutcome {
  const current = scoreAt(previous ?? emptyScore(nowMs), policy, nowMs);
  const points = policy.points[reason];
  const reasons = [...current.reasons, { reason, points, atMs: nowMs }].slice(-policy.maxReasons);
  const score = current.score + points;
  const crossed = current.bannedUntilMs === null && score >= policy.threshold;
  return {
    points,
    newlyBanned: crossed,
    state: {
      score,
      lastUpdateMs: current.score === 0 ? nowMs : current.lastUpdateMs,
      bannedUntilMs: crossed ? nowMs + policy.banDurationMs : current.bannedUntilMs,
      reasons,
    },
  };
}

/** An entry worth forgetting: nothing left to decay and no ban. */
export function isIdle(state: PeerScoreState): boolean {
  return state.score === 0 && state.bannedUntilMs === null;
}
