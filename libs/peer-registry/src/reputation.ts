import { MALICIOUS_REPUTATION, NEUTRAL_REPUTATION } from './reputation-thresholds.js';
import type { PeerRecord } from './peer-record.js';

/** Weight of the success rate; the rest is the neutral score (§3.1 step 3). */
const SUCCESS_WEIGHT = 0.6;
const RECENT_FAILURE_PENALTY = 15;
const RECENT_SUCCESS_BONUS = 10;
export const RECENCY_WINDOW_MS = 3_600_000;

/** Average response time → multiplier of the whole score (§3.1 step 6), fastest first. */
const SPEED_FACTORS: readonly (readonly [belowMs: number, factor: number])[] = [
  [200, 1.2],
  [500, 1.1],
  [2_000, 1.0],
  [5_000, 0.9],
  [10_000, 0.8],
  [30_000, 0.7],
];
const SLOWEST_FACTOR = 0.6;

export type ReputationInputs = Pick<
  PeerRecord,
  | 'maliciousCount'
  | 'interactionSuccesses'
  | 'interactionFailures'
  | 'lastInteractionSuccessMs'
  | 'lastInteractionFailureMs'
  | 'avgResponseTimeMs'
>;

/** 1.0 for an unmeasured peer (0), more for fast peers, less for slow ones. */
export function speedFactor(avgResponseTimeMs: number): number {
  if (avgResponseTimeMs === 0) return 1;
  return SPEED_FACTORS.find(([belowMs]) => avgResponseTimeMs < belowMs)?.[1] ?? SLOWEST_FACTOR;
}

function isRecent(atMs: number | undefined, nowMs: number): boolean {
  return atMs !== undefined && nowMs - atMs < RECENCY_WINDOW_MS;
}

/**
 * Teranode's reputation formula (§3.1), with the same arithmetic order so scores match it to
 * the last bit. Teranode stores the result and recomputes it only after an event, so a recency
 * window that runs out changes nothing until the next event; the operations in this library
 * call this at exactly those events.
 */
export function reputationOf(peer: ReputationInputs, nowMs: number): number {
  if (peer.maliciousCount > 0) return MALICIOUS_REPUTATION;
  const total = peer.interactionSuccesses + peer.interactionFailures;
  if (total === 0) return NEUTRAL_REPUTATION;

  const successRate = (peer.interactionSuccesses / total) * 100;
  let score = successRate * SUCCESS_WEIGHT + NEUTRAL_REPUTATION * (1 - SUCCESS_WEIGHT);
  if (isRecent(peer.lastInteractionFailureMs, nowMs)) score -= RECENT_FAILURE_PENALTY;
  if (isRecent(peer.lastInteractionSuccessMs, nowMs)) score += RECENT_SUCCESS_BONUS;
  score *= speedFactor(peer.avgResponseTimeMs);
  return Math.min(100, Math.max(0, score));
}

/** The record with its stored score recomputed as of `nowMs`. */
export function withReputation<T extends ReputationInputs & { reputationScore: number }>(
  peer: T,
  nowMs: number,
): T {
  return { ...peer, reputationScore: reputationOf(peer, nowMs) };
}
