import { FULL_STORAGE, type PeerRecord } from './peer-record.js';
import { compareSyncCandidates, type SyncPhase } from './sync-candidate-order.js';
import {
  syncExclusion,
  type EligibilityCriteria,
  type SyncExclusion,
  type SyncExclusionCode,
} from './sync-eligibility.js';

export interface SyncPeerCriteria extends EligibilityCriteria {
  /** p2p_force_sync_peer: only this peer, whatever its state; no fallback. */
  readonly forcedPeerId?: string;
  /** The current sync peer: if it ranks first again, the second is taken. */
  readonly previousPeer?: string;
  /** p2p_allow_pruned_node_fallback. */
  readonly allowPrunedFallback: boolean;
  /**
   * The DataHub probe (p2p_health_check_enabled); asked at most once per peer. Undefined: the
   * peer's DataHub was not checked for this selection (the probe budget went to better peers).
   */
  readonly healthy?: (peer: PeerRecord) => boolean | undefined;
}

/** A candidate as ranked, with the values the order went by. */
export interface RankedCandidate {
  readonly peerId: string;
  readonly phase: SyncPhase | 'forced';
  /** 1 = first in the order. */
  readonly rank: number;
  readonly reputationScore: number;
  readonly avgResponseTimeMs: number;
  readonly banScore: number;
  readonly height: number;
}

export type SelectionOutcome = 'forced' | 'full' | 'pruned' | 'forced-peer-missing' | 'none';

export interface SyncPeerSelection {
  /** The chosen peer, or undefined (Teranode's ""). */
  readonly peerId: string | undefined;
  readonly outcome: SelectionOutcome;
  /** The previous peer ranked first, so the second was taken. */
  readonly rotatedPastPreviousPeer: boolean;
  /** Every ranked candidate of the phases that ran, best first. */
  readonly candidates: readonly RankedCandidate[];
  readonly excluded: readonly SyncExclusion[];
}

const storageLabel = (storage: string) =>
  storage === '' ? 'unknown storage' : `storage "${storage}"`;

function ranked(peers: readonly PeerRecord[], phase: RankedCandidate['phase']): RankedCandidate[] {
  return peers.map((p, index) => ({
    peerId: p.id,
    phase,
    rank: index + 1,
    reputationScore: p.reputationScore,
    avgResponseTimeMs: p.avgResponseTimeMs,
    banScore: p.banScore,
    height: p.height,
  }));
}

function excludeEach(
  peers: readonly PeerRecord[],
  why: SyncExclusionCode,
  detail: (peer: PeerRecord) => string,
): SyncExclusion[] {
  return peers.map((peer) => ({ peerId: peer.id, why, detail: detail(peer) }));
}

function selectForced(peers: readonly PeerRecord[], forcedPeerId: string): SyncPeerSelection {
  const forced = peers.find((p) => p.id === forcedPeerId);
  return {
    peerId: forced?.id,
    outcome: forced ? 'forced' : 'forced-peer-missing',
    rotatedPastPreviousPeer: false,
    candidates: forced ? ranked([forced], 'forced') : [],
    excluded: excludeEach(
      peers.filter((p) => p !== forced),
      'forced-peer-set',
      () => `p2p_force_sync_peer names ${forcedPeerId}`,
    ),
  };
}

function choose(
  candidates: readonly PeerRecord[],
  phase: SyncPhase,
  previousPeer: string | undefined,
  excluded: SyncExclusion[],
): SyncPeerSelection {
  const order = [...candidates].sort(compareSyncCandidates(phase));
  const rotated = order.length > 1 && !!previousPeer && order[0]!.id === previousPeer;
  const chosen = order[rotated ? 1 : 0];
  return {
    peerId: chosen?.id,
    outcome: chosen ? phase : 'none',
    rotatedPastPreviousPeer: rotated,
    candidates: ranked(order, phase),
    excluded,
  };
}

/**
 * Peers in the order a selection would try them: full nodes in the full phase's order, then
 * the others in the pruned phase's. The DataHub probe spends its budget from the front.
 */
export function inSelectionOrder(peers: readonly PeerRecord[]): PeerRecord[] {
  const full = peers.filter((p) => p.storage === FULL_STORAGE);
  const others = peers.filter((p) => p.storage !== FULL_STORAGE);
  return [
    ...full.sort(compareSyncCandidates('full')),
    ...others.sort(compareSyncCandidates('pruned')),
  ];
}

/**
 * SelectSyncPeer (§4): a forced peer if one is set; otherwise the best eligible full node
 * ahead of us, else (when allowed) the best eligible pruned or unknown-storage node. The
 * answer says why every other peer was not taken.
 */
export function selectSyncPeer(
  peers: readonly PeerRecord[],
  criteria: SyncPeerCriteria,
): SyncPeerSelection {
  if (criteria.forcedPeerId) return selectForced(peers, criteria.forcedPeerId);

  const excluded: SyncExclusion[] = [];
  const passing = peers.filter((peer) => {
    const exclusion = syncExclusion(peer, criteria);
    if (exclusion) excluded.push(exclusion);
    return exclusion === undefined;
  });
  const probed = (phasePeers: readonly PeerRecord[]) => {
    const verdicts = new Map(
      phasePeers.map((peer) => [peer, criteria.healthy ? criteria.healthy(peer) : true]),
    );
    const up = phasePeers.filter((peer) => verdicts.get(peer) === true);
    const down = phasePeers.filter((peer) => verdicts.get(peer) !== true);
    excluded.push(
      ...excludeEach(down, 'unhealthy', (peer) =>
        verdicts.get(peer) === false
          ? 'DataHub health check failed'
          : 'DataHub not checked in this selection (better-ranked peers were)',
      ),
    );
    return up;
  };

  const full = probed(passing.filter((p) => p.storage === FULL_STORAGE));
  const others = passing.filter((p) => p.storage !== FULL_STORAGE);
  if (full.length > 0) {
    const detail = (p: PeerRecord) => `${storageLabel(p.storage)} and a full node is available`;
    excluded.push(...excludeEach(others, 'full-node-preferred', detail));
    return choose(full, 'full', criteria.previousPeer, excluded);
  }
  if (!criteria.allowPrunedFallback) {
    const detail = (p: PeerRecord) =>
      `${storageLabel(p.storage)} and p2p_allow_pruned_node_fallback is off`;
    excluded.push(...excludeEach(others, 'pruned-fallback-disabled', detail));
    return choose([], 'pruned', criteria.previousPeer, excluded);
  }
  return choose(probed(others), 'pruned', criteria.previousPeer, excluded);
}
