import { isBannedAt } from './ban-mirror.js';
import type { PeerRecord } from './peer-record.js';
import { MIN_SYNC_REPUTATION } from './reputation-thresholds.js';
import { isInSyncCooldown } from './sync-attempts.js';

/** Why a peer is not a sync candidate, in the order Teranode checks. */
export type SyncExclusionCode =
  | 'forced-peer-set'
  | 'banned'
  | 'no-datahub-url'
  | 'no-height'
  | 'low-reputation'
  | 'sync-cooldown'
  | 'not-ahead'
  | 'unhealthy'
  | 'full-node-preferred'
  | 'pruned-fallback-disabled';

export interface SyncExclusion {
  readonly peerId: string;
  readonly why: SyncExclusionCode;
  /** For people (`p2pctl sync-peer --why`). */
  readonly detail: string;
}

export interface EligibilityCriteria {
  readonly localHeight: number;
  readonly cooldownMs: number;
  readonly nowMs: number;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * The first check a peer fails (Teranode's isEligible, then the height-above-local test), or
 * undefined. The DataHub health check is not here: it is a probe, run only on candidates.
 */
export function syncExclusion(
  peer: PeerRecord,
  { localHeight, cooldownMs, nowMs }: EligibilityCriteria,
): SyncExclusion | undefined {
  const exclusion = (why: SyncExclusionCode, detail: string) => ({ peerId: peer.id, why, detail });
  if (isBannedAt(peer, nowMs)) return exclusion('banned', `banned (ban score ${peer.banScore})`);
  if (peer.dataHubUrl === '') {
    return exclusion('no-datahub-url', 'no DataHub URL (a listen-only or silent node)');
  }
  if (peer.height <= 0) return exclusion('no-height', 'has not announced a height');
  if (peer.reputationScore < MIN_SYNC_REPUTATION) {
    return exclusion(
      'low-reputation',
      `reputation ${peer.reputationScore.toFixed(2)} is below ${MIN_SYNC_REPUTATION}`,
    );
  }
  if (isInSyncCooldown(peer, cooldownMs, nowMs)) {
    const ago = nowMs - (peer.lastSyncAttemptMs ?? nowMs);
    return exclusion(
      'sync-cooldown',
      `sync attempted ${seconds(ago)} ago, cooldown ${seconds(cooldownMs)}`,
    );
  }
  if (peer.height <= localHeight) {
    return exclusion('not-ahead', `height ${peer.height} is not above local height ${localHeight}`);
  }
  return undefined;
}
