import type { PeerRecord } from './peer-record.js';
import {
  MIN_SYNC_REPUTATION,
  NEUTRAL_REPUTATION,
  RECOVERED_REPUTATION,
} from './reputation-thresholds.js';

/** Each earlier recovery of a peer triples the wait before the next one. */
const RECOVERY_COOLDOWN_GROWTH = 3;

/**
 * ResetReputation (the operator's reset): interaction history, malicious count, response time,
 * catch-up error, recovery history and sync attempts are forgotten and the score is neutral.
 * The ban score is not touched.
 */
export function resetReputation(record: PeerRecord): PeerRecord {
  return {
    ...record,
    interactionAttempts: 0,
    interactionSuccesses: 0,
    interactionFailures: 0,
    lastInteractionAttemptMs: undefined,
    lastInteractionSuccessMs: undefined,
    lastInteractionFailureMs: undefined,
    reputationScore: NEUTRAL_REPUTATION,
    maliciousCount: 0,
    avgResponseTimeMs: 0,
    lastCatchupError: '',
    lastCatchupErrorTimeMs: undefined,
    lastReputationResetMs: undefined,
    reputationResetCount: 0,
    lastSyncAttemptMs: undefined,
    syncAttemptCount: 0,
  };
}

/** How long after its last recovery a peer must wait: cooldown × 3^(recoveries so far). */
export function recoveryWaitMs(record: PeerRecord, cooldownMs: number): number {
  return cooldownMs * RECOVERY_COOLDOWN_GROWTH ** record.reputationResetCount;
}

/**
 * ReconsiderBadPeers' test for one peer: a stored score below 20, a last failure at least
 * `cooldownMs` ago, and, if it was recovered before, the grown cooldown since that recovery.
 */
export function isDueForRecovery(record: PeerRecord, cooldownMs: number, nowMs: number): boolean {
  if (record.reputationScore >= MIN_SYNC_REPUTATION) return false;
  const failedAt = record.lastInteractionFailureMs;
  if (failedAt === undefined || nowMs - failedAt < cooldownMs) return false;
  const recoveredAt = record.lastReputationResetMs;
  return recoveredAt === undefined || nowMs - recoveredAt >= recoveryWaitMs(record, cooldownMs);
}

/**
 * Automatic recovery: score 30 and malicious count 0. The success and failure counts stay, so
 * the next event recomputes from them (as in Teranode).
 */
export function recoverReputation(record: PeerRecord, nowMs: number): PeerRecord {
  return {
    ...record,
    reputationScore: RECOVERED_REPUTATION,
    maliciousCount: 0,
    lastReputationResetMs: nowMs,
    reputationResetCount: record.reputationResetCount + 1,
  };
}

/** ReconsiderBadPeers over a registry: the IDs due for recovery. */
export function peersDueForRecovery(
  records: readonly PeerRecord[],
  cooldownMs: number,
  nowMs: number,
): string[] {
  return records.filter((r) => isDueForRecovery(r, cooldownMs, nowMs)).map((r) => r.id);
}
