/**
 * Teranode's WebSocket `notificationMsg` (reference-service.md §5) as this feed sends it.
 * Optional fields are left out of the JSON when empty (Go `omitempty`); `type`, `best_height`
 * and `block_assembly_details` are always present.
 */

/** The `type` values of the feed; `mining_on` is the legacy announcement older nodes gossip. */
export const NOTIFICATION_TYPES = ['block', 'subtree', 'mining_on', 'node_status', 'PING'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Types a client can choose with `?types=`; PING is the keepalive and always sent. */
export const FILTERABLE_TYPES = ['block', 'subtree', 'mining_on', 'node_status'] as const;
export type FilterableType = (typeof FILTERABLE_TYPES)[number];

/** Block-assembly state as Go's encoding/json writes the protobuf `StateMessage` (all omitempty). */
export interface BlockAssemblyDetailsJson {
  blockAssemblyState?: string;
  subtreeProcessorState?: string;
  subtreeCount?: number;
  txCount?: number;
  queueCount?: number;
  currentHeight?: number;
  currentHash?: string;
  removeMapCount?: number;
  subtrees?: readonly string[];
}

export interface NotificationMessage {
  /** UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
  timestamp: string;
  type: NotificationType;
  hash?: string;
  base_url?: string;
  peer_id?: string;
  previousblockhash?: string;
  tx_count?: number;
  height?: number;
  size_in_bytes?: number;
  miner?: string;
  version?: string;
  commit_hash?: string;
  best_block_hash?: string;
  best_height: number;
  block_assembly_details: BlockAssemblyDetailsJson | null;
  fsm_state?: string;
  start_time?: number;
  uptime?: number;
  client_name?: string;
  miner_name?: string;
  listen_mode?: string;
  chain_work?: string;
  sync_peer_id?: string;
  sync_peer_height?: number;
  sync_peer_block_hash?: string;
  sync_connected_at?: number;
}
