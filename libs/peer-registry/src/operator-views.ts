import type { gossip_node, p2p_api } from '@teranode-p2p/contracts';
import { healthOf } from './peer-health.js';
import { MIN_SYNC_REPUTATION } from './reputation-thresholds.js';
import { rankingKey, type SyncPhase } from './sync-candidate-order.js';

/**
 * What Teranode does with a peer of this standing (reference-peer-registry.md §3.3), worst
 * first: `malicious` (a malicious interaction on record pins the reputation at 5; a failure
 * alone can score 5 too, so this goes by the count), `not-for-sync` (below 20: never a sync
 * peer, its subtree and node_status gossip skipped), `unhealthy` (IsPeerUnhealthy: below 40,
 * or more than 10 interactions with fewer than half successes; block validation does not
 * catch up from it), `ok`.
 */
export type ReputationBand = 'malicious' | 'not-for-sync' | 'unhealthy' | 'ok';

export const REPUTATION_BAND_LABELS: Readonly<Record<ReputationBand, string>> = {
  malicious: 'malicious',
  'not-for-sync': 'not for sync',
  unhealthy: 'unhealthy',
  ok: 'ok',
};

/**
 * A registry entry as operators read it (p2pctl --json, the dashboard's JSON API): every field
 * of p2p_api.PeerRegistryInfo under its proto name, 64-bit counters as numbers, times in Unix
 * seconds (0 = never), plus what they mean.
 */
export interface PeerRegistryView {
  id: string;
  client_name: string;
  height: number;
  block_hash: string;
  data_hub_url: string;
  storage: string;
  reputation_score: number;
  band: ReputationBand;
  /** IsPeerUnhealthy's reason; empty when healthy. */
  unhealthy_reason: string;
  /** successes / (successes + failures), 0–1; null before any. */
  success_rate: number | null;
  interaction_attempts: number;
  interaction_successes: number;
  interaction_failures: number;
  malicious_count: number;
  avg_response_time_ms: number;
  ban_score: number;
  is_banned: boolean;
  is_connected: boolean;
  /** The gossip node's current sync peer. */
  is_sync_peer: boolean;
  bytes_received: number;
  connected_at: number;
  last_message_time: number;
  last_block_time: number;
  last_interaction_attempt: number;
  last_interaction_success: number;
  last_interaction_failure: number;
  last_catchup_error: string;
  last_catchup_error_time: number;
}

export function reputationBand(
  reputationScore: number,
  maliciousCount: number,
  unhealthy: boolean,
): ReputationBand {
  if (maliciousCount > 0) return 'malicious';
  if (reputationScore < MIN_SYNC_REPUTATION) return 'not-for-sync';
  return unhealthy ? 'unhealthy' : 'ok';
}

/** `peer` as operators read it; `syncPeer` is GetSyncPeer's answer ('' for none). */
export function peerRegistryView(peer: p2p_api.PeerRegistryInfo, syncPeer = ''): PeerRegistryView {
  const successes = Number(peer.interaction_successes);
  const failures = Number(peer.interaction_failures);
  const maliciousCount = Number(peer.malicious_count);
  const health = healthOf(peer.reputation_score, successes, failures);
  return {
    id: peer.id,
    client_name: peer.client_name,
    height: peer.height,
    block_hash: peer.block_hash,
    data_hub_url: peer.data_hub_url,
    storage: peer.storage,
    reputation_score: peer.reputation_score,
    band: reputationBand(peer.reputation_score, maliciousCount, health.unhealthy),
    unhealthy_reason: health.reason,
    success_rate: successes + failures === 0 ? null : successes / (successes + failures),
    interaction_attempts: Number(peer.interaction_attempts),
    interaction_successes: successes,
    interaction_failures: failures,
    malicious_count: maliciousCount,
    avg_response_time_ms: Number(peer.avg_response_time_ms),
    ban_score: peer.ban_score,
    is_banned: peer.is_banned,
    is_connected: peer.is_connected,
    is_sync_peer: syncPeer !== '' && peer.id === syncPeer,
    bytes_received: Number(peer.bytes_received),
    connected_at: Number(peer.connected_at),
    last_message_time: Number(peer.last_message_time),
    last_block_time: Number(peer.last_block_time),
    last_interaction_attempt: Number(peer.last_interaction_attempt),
    last_interaction_success: Number(peer.last_interaction_success),
    last_interaction_failure: Number(peer.last_interaction_failure),
    last_catchup_error: peer.last_catchup_error,
    last_catchup_error_time: Number(peer.last_catchup_error_time),
  };
}

/** A ranked candidate of the last selection, with what put it where it is. */
export interface SyncCandidateView extends gossip_node.SyncCandidate {
  /** Rank 1: why it leads; otherwise the first key of the order that put it behind the one above. */
  ranked_by: string;
}

/** GetSyncPeer as operators read it: times as numbers, each candidate's ranking explained. */
export interface SyncPeerView extends Omit<
  gossip_node.SyncPeerAnswer,
  'selected_at_ms' | 'candidates'
> {
  /** Unix ms of the last selection; 0 when none ran yet. */
  selected_at_ms: number;
  candidates: SyncCandidateView[];
}

const asRanked = (c: gossip_node.SyncCandidate) => ({
  id: c.peer_id,
  reputationScore: c.reputation_score,
  avgResponseTimeMs: c.avg_response_time_ms,
  banScore: c.ban_score,
  height: c.height,
});

function rankedBy(
  candidate: gossip_node.SyncCandidate,
  above: gossip_node.SyncCandidate | undefined,
): string {
  if (candidate.phase === 'forced') return 'forced by p2p_force_sync_peer';
  if (above === undefined) return `best ${candidate.phase} candidate`;
  const phase: SyncPhase = candidate.phase === 'full' ? 'full' : 'pruned';
  return rankingKey(asRanked(above), asRanked(candidate), phase)?.explanation ?? 'tied';
}

export function syncPeerView(answer: gossip_node.SyncPeerAnswer): SyncPeerView {
  const candidates = [...answer.candidates].sort((a, b) => a.rank - b.rank);
  return {
    ...answer,
    selected_at_ms: Number(answer.selected_at_ms),
    candidates: candidates.map((candidate, i) => ({
      ...candidate,
      ranked_by: rankedBy(candidate, candidates[i - 1]),
    })),
  };
}
