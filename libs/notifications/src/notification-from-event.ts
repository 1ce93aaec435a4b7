import type { p2p_events } from '@teranode-p2p/contracts';
import type { FeePolicyJson, NotificationMessage } from './notification-message.js';
import { formatNotificationTimestamp, isNotificationTime } from './notification-timestamp.js';

/**
 * The notification Teranode sends its WebSocket clients for one received gossip message, or
 * undefined when Teranode shows nothing for it (rejected transactions, an empty event). The
 * timestamp is when the gossip node received the message (Teranode stamps it on receipt), or
 * now when the event carries no time a notification can show.
 */
export function notificationFromEvent(
  event: p2p_events.P2PEvent,
  nowMs: number,
): NotificationMessage | undefined {
  const receivedAtMs = Number(event.received_at_ms);
  const base = {
    timestamp: formatNotificationTimestamp(isNotificationTime(receivedAtMs) ? receivedAtMs : nowMs),
    best_height: 0,
  };
  if (event.block) {
    const { hash, data_hub_url, peer_id, height } = event.block;
    return { ...base, type: 'block', hash, base_url: data_hub_url, peer_id, height };
  }
  if (event.subtree) {
    const { hash, data_hub_url, peer_id } = event.subtree;
    return { ...base, type: 'subtree', hash, base_url: data_hub_url, peer_id };
  }
  if (event.mining_on) {
    const m = event.mining_on;
    return {
      ...base,
      type: 'mining_on',
      hash: m.hash,
      base_url: m.data_hub_url,
      peer_id: m.peer_id,
      previousblockhash: m.previous_hash,
      tx_count: BigInt(m.tx_count),
      height: m.height,
      size_in_bytes: BigInt(m.size_in_bytes),
      miner: m.miner,
    };
  }
  if (event.node_status) return nodeStatusNotification(base.timestamp, event.node_status);
  return undefined;
}

/**
 * A node_status as today's Teranode writes it to its clients. An event from an older
 * gossip-node carries no tx_count and subtree_count but may carry the v0.11 block-assembly
 * details they replaced: their counts are shown instead.
 */
function nodeStatusNotification(
  timestamp: string,
  status: p2p_events.NodeStatus,
): NotificationMessage {
  const legacy = status.block_assembly_details;
  return {
    timestamp,
    type: 'node_status',
    base_url: status.base_url,
    propagation_url: status.propagation_url,
    peer_id: status.peer_id,
    tx_count: BigInt(status.tx_count) || BigInt(legacy?.tx_count ?? 0),
    version: status.version,
    commit_hash: status.commit_hash,
    best_block_hash: status.best_block_hash,
    best_height: status.best_height,
    subtree_count: status.subtree_count || (legacy?.subtree_count ?? 0),
    fsm_state: status.fsm_state,
    start_time: BigInt(status.start_time),
    uptime: status.uptime,
    client_name: status.client_name,
    miner_name: status.miner_name,
    listen_mode: status.listen_mode,
    chain_work: status.chain_work,
    sync_peer_id: status.sync_peer_id,
    sync_peer_height: status.sync_peer_height,
    sync_peer_block_hash: status.sync_peer_block_hash,
    sync_connected_at: BigInt(status.sync_connected_at),
    min_mining_tx_fee: status.min_mining_tx_fee,
    fee_policy: status.fee_policy && feePolicyJson(status.fee_policy),
    connected_peers_count: BigInt(status.connected_peers_count),
    storage: status.storage,
  };
}

function feePolicyJson(policy: p2p_events.FeePolicy): FeePolicyJson {
  return {
    miningFee: {
      satoshis: policy.mining_fee?.satoshis ?? '0',
      bytes: policy.mining_fee?.bytes ?? '0',
    },
    maxscriptsizepolicy: policy.max_script_size_policy,
    maxtxsizepolicy: policy.max_tx_size_policy,
    maxtxsigopscountspolicy: policy.max_tx_sigops_counts_policy,
  };
}

/** The node a node_status event describes: the peer ID in the payload, else its sender. */
export function nodeStatusKey(event: p2p_events.P2PEvent): string | undefined {
  if (!event.node_status) return undefined;
  return event.node_status.peer_id || event.sender_peer_id || undefined;
}
