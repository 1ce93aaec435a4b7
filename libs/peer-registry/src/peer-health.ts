import { isBannedAt } from './ban-mirror.js';
import type { PeerRecord } from './peer-record.js';
import { MIN_HEALTHY_REPUTATION, MIN_SYNC_REPUTATION } from './reputation-thresholds.js';

/** Past this many interactions, a peer failing more than half of them is unhealthy. */
const MIN_INTERACTIONS_FOR_SUCCESS_RATE = 10;

/**
 * Worth syncing from at all (the coordinator's isViableSyncCandidate): not banned, has a
 * DataHub URL, has announced a height, reputation at least 20.
 */
export function isViableSyncCandidate(record: PeerRecord, nowMs: number): boolean {
  return (
    !isBannedAt(record, nowMs) &&
    record.dataHubUrl !== '' &&
    record.height !== 0 &&
    record.reputationScore >= MIN_SYNC_REPUTATION
  );
}

/** IsPeerUnhealthy's answer; `reason` is Teranode's text. */
export interface PeerHealth {
  readonly unhealthy: boolean;
  readonly reason: string;
  readonly reputationScore: number;
}

const healthy = (reputationScore: number): PeerHealth => ({
  unhealthy: false,
  reason: '',
  reputationScore,
});
const unhealthy = (reason: string, reputationScore = 0): PeerHealth => ({
  unhealthy: true,
  reason,
  reputationScore,
});

/**
 * IsPeerUnhealthy (block validation asks before using a peer for catch-up): unhealthy for an
 * empty, malformed or unknown ID, a reputation below 40, or more than 10 interactions with
 * fewer than half successes (integer half, as Teranode).
 */
export function peerHealth(
  peerId: string,
  record: PeerRecord | undefined,
  isValidPeerId: (id: string) => boolean = () => true,
): PeerHealth {
  if (peerId === '') return unhealthy('empty peer ID');
  if (!isValidPeerId(peerId)) return unhealthy('invalid peer ID');
  if (record === undefined) return unhealthy('unknown peer');
  return healthOf(record.reputationScore, record.interactionSuccesses, record.interactionFailures);
}

/**
 * IsPeerUnhealthy for a known peer, from its numbers (also what the operator views show):
 * a reputation below 40, or more than 10 interactions with fewer than half successes.
 */
export function healthOf(score: number, successes: number, failures: number): PeerHealth {
  if (score < MIN_HEALTHY_REPUTATION) {
    return unhealthy(`low reputation score: ${score.toFixed(2)}`, score);
  }
  const total = successes + failures;
  if (total > MIN_INTERACTIONS_FOR_SUCCESS_RATE && successes < Math.floor(total / 2)) {
    return unhealthy(`low success rate: ${((successes / total) * 100).toFixed(2)}%`, score);
  }
  return healthy(score);
}

/**
 * shouldSkipUnhealthyPeer: gossip from a known peer below reputation 20 is not processed
 * (subtree, rejected-tx and node_status; block gossip is never filtered). A sender the registry
 * does not know is not skipped.
 */
export function isLowReputationSender(record: PeerRecord | undefined): boolean {
  return record !== undefined && record.reputationScore < MIN_SYNC_REPUTATION;
}
