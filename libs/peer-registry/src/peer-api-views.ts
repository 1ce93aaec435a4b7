import type { gossip_node, p2p_api } from '@teranode-p2p/contracts';
import type { PeerRecord } from './peer-record.js';
import type { SyncPeerSelection } from './sync-peer-selection.js';

/** Unix seconds as p2p_api carries times; a time never set is 0. */
const seconds = (ms: number | undefined): string =>
  String(ms === undefined ? 0 : Math.floor(ms / 1000));

/** GetPeerRegistry / GetPeer: the record as Teranode's PeerRegistryInfo (§1). */
export function toPeerRegistryInfo(record: PeerRecord): p2p_api.PeerRegistryInfo {
  return {
    id: record.id,
    height: record.height,
    block_hash: record.blockHash ?? '',
    data_hub_url: record.dataHubUrl,
    ban_score: record.banScore,
    is_banned: record.isBanned,
    is_connected: record.isConnected,
    connected_at: seconds(record.connectedAtMs),
    bytes_received: String(record.bytesReceived),
    last_block_time: seconds(record.lastBlockTimeMs),
    last_message_time: seconds(record.lastMessageTimeMs),
    interaction_attempts: String(record.interactionAttempts),
    interaction_successes: String(record.interactionSuccesses),
    interaction_failures: String(record.interactionFailures),
    last_interaction_attempt: seconds(record.lastInteractionAttemptMs),
    last_interaction_success: seconds(record.lastInteractionSuccessMs),
    last_interaction_failure: seconds(record.lastInteractionFailureMs),
    reputation_score: record.reputationScore,
    malicious_count: String(record.maliciousCount),
    avg_response_time_ms: String(Math.round(record.avgResponseTimeMs)),
    storage: record.storage,
    client_name: record.clientName,
    last_catchup_error: record.lastCatchupError,
    last_catchup_error_time: seconds(record.lastCatchupErrorTimeMs),
  };
}

/** What GetPeersForCatchup tells of a peer. */
export type CatchupFields = Pick<
  PeerRecord,
  | 'id'
  | 'height'
  | 'blockHash'
  | 'dataHubUrl'
  | 'reputationScore'
  | 'interactionSuccesses'
  | 'interactionFailures'
>;

/** GetPeersForCatchup: attempts are successes + failures, as Teranode counts them. */
export function toPeerInfoForCatchup(record: CatchupFields): p2p_api.PeerInfoForCatchup {
  return {
    id: record.id,
    height: record.height,
    block_hash: record.blockHash ?? '',
    data_hub_url: record.dataHubUrl,
    catchup_reputation_score: record.reputationScore,
    catchup_attempts: String(record.interactionSuccesses + record.interactionFailures),
    catchup_successes: String(record.interactionSuccesses),
    catchup_failures: String(record.interactionFailures),
  };
}

/** A sync coordinator's last selection, with when and why it ran. */
export interface LastSyncSelection {
  readonly atMs: number;
  /** What set it off (monitor, evaluation, …). */
  readonly cause: string;
  readonly localHeight: number;
  readonly selection: SyncPeerSelection;
}

/** GetSyncPeer (gossip_node.proto): the current sync peer and the last selection with its reasons. */
export function toSyncPeerAnswer(
  syncPeer: string | undefined,
  last: LastSyncSelection | undefined,
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
