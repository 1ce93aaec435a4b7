/**
 * Teranode's WebSocket `notificationMsg` as this feed sends it: today's struct
 * (services/p2p/HandleWebsocket.go at ad41218, reference-peer-registry.md §9), which has no
 * `block_assembly_details` any more. Optional fields are left out of the JSON when empty (Go
 * `omitempty`); `type` and `best_height` are always present.
 */

/** The `type` values of the feed; `mining_on` is the legacy announcement older nodes gossip. */
export const NOTIFICATION_TYPES = ['block', 'subtree', 'mining_on', 'node_status', 'PING'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Types a client can choose with `?types=`; PING is the keepalive and always sent. */
export const FILTERABLE_TYPES = ['block', 'subtree', 'mining_on', 'node_status'] as const;
export type FilterableType = (typeof FILTERABLE_TYPES)[number];

/**
 * Teranode's FeePolicy as its JSON writes it (ARC's key spelling). The uint64 values are
 * decimal digit strings, written as JSON numbers exactly.
 */
export interface FeePolicyJson {
  miningFee: { satoshis: string; bytes: string };
  maxscriptsizepolicy: string;
  maxtxsizepolicy: string;
  maxtxsigopscountspolicy: string;
}

/** Go's int64 and uint64 fields are bigints: written exactly, as Go writes them. */
export interface NotificationMessage {
  /** UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
  timestamp: string;
  type: NotificationType;
  hash?: string;
  base_url?: string;
  propagation_url?: string;
  peer_id?: string;
  previousblockhash?: string;
  tx_count?: bigint;
  height?: number;
  size_in_bytes?: bigint;
  miner?: string;
  version?: string;
  commit_hash?: string;
  best_block_hash?: string;
  best_height: number;
  subtree_count?: number;
  fsm_state?: string;
  start_time?: bigint;
  uptime?: number;
  client_name?: string;
  miner_name?: string;
  listen_mode?: string;
  chain_work?: string;
  sync_peer_id?: string;
  sync_peer_height?: number;
  sync_peer_block_hash?: string;
  sync_connected_at?: bigint;
  /** BSV per kB; left out only when undefined (unknown): 0 is written. */
  min_mining_tx_fee?: number;
  fee_policy?: FeePolicyJson;
  connected_peers_count?: bigint;
  storage?: string;
}
