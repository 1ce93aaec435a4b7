import type { gossip_node } from '@teranode-p2p/contracts';
import type { ExplainedSelection } from './sync-coordinator.service.js';

/** GetSyncPeer: the current sync peer and the last selection with its reasons. */
export function syncPeerAnswer(
  syncPeer: string | undefined,
  last: ExplainedSelection | undefined,
): gossip_node.SyncPeerAnswer {
  const selection = last?.selection;
  return {
    sync_peer: syncPeer ?? '',
    selected_at_ms: String(last?.atMs ?? 0),
    cause: last?.cause ?? '',
    local_height: last?.localHeight ?? 0,
    outcome: selection?.outcome ?? '',
    chosen: selection?.peerId ?? '',
    rotated_past_previous_peer: selection?.rotatedPastPreviousPeer ?? false,
    candidates: (selection?.candidates ?? []).map((c) => ({
      peer_id: c.peerId,
      phase: c.phase,
      rank: c.rank,
      reputation_score: c.reputationScore,
      avg_response_time_ms: c.avgResponseTimeMs,
      ban_score: c.banScore,
      height: c.height,
    })),
    excluded: (selection?.excluded ?? []).map((e) => ({
      peer_id: e.peerId,
      why: e.why,
      detail: e.detail,
    })),
  };
}
