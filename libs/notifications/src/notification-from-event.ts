import type { p2p_events } from '@teranode-p2p/contracts';
import type { BlockAssemblyDetailsJson, NotificationMessage } from './notification-message.js';
import { formatNotificationTimestamp } from './notification-timestamp.js';

/**
 * The notification Teranode sends its WebSocket clients for one received gossip message, or
 * undefined when Teranode shows nothing for it (rejected transactions, an empty event). The
 * timestamp is when the gossip node received the message (Teranode stamps it on receipt).
 */
export function notificationFromEvent(
  event: p2p_events.P2PEvent,
  nowMs: number,
): NotificationMessage | undefined {
  const receivedAtMs = Number(event.received_at_ms);
  const base = {
    timestamp: formatNotificationTimestamp(receivedAtMs > 0 ? receivedAtMs : nowMs),
    best_height: 0,
    block_assembly_details: null,
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
      tx_count: Number(m.tx_count),
      height: m.height,
      size_in_bytes: Number(m.size_in_bytes),
      miner: m.miner,
    };
  }
  if (event.node_status) return nodeStatusNotification(base.timestamp, event.node_status);
  return undefined;
}

function nodeStatusNotification(
  timestamp: string,
  status: p2p_events.NodeStatus,
): NotificationMessage {
  return {
    timestamp,
    type: 'node_status',
    base_url: status.base_url,
    peer_id: status.peer_id,
    version: status.version,
    commit_hash: status.commit_hash,
    best_block_hash: status.best_block_hash,
    best_height: status.best_height,
    block_assembly_details: status.block_assembly_details
      ? blockAssemblyJson(status.block_assembly_details)
      : null,
    fsm_state: status.fsm_state,
    start_time: Number(status.start_time),
    uptime: status.uptime,
    client_name: status.client_name,
    miner_name: status.miner_name,
    listen_mode: status.listen_mode,
    chain_work: status.chain_work,
    sync_peer_id: status.sync_peer_id,
    sync_peer_height: status.sync_peer_height,
    sync_peer_block_hash: status.sync_peer_block_hash,
    sync_connected_at: Number(status.sync_connected_at),
  };
}

function blockAssemblyJson(details: p2p_events.BlockAssemblyDetails): BlockAssemblyDetailsJson {
  return {
    blockAssemblyState: details.block_assembly_state,
    subtreeProcessorState: details.subtree_processor_state,
    subtreeCount: details.subtree_count,
    txCount: Number(details.tx_count),
    queueCount: Number(details.queue_count),
    currentHeight: details.current_height,
    currentHash: details.current_hash,
    removeMapCount: details.remove_map_count,
    subtrees: details.subtrees,
  };
}

/** The node a node_status event describes: the peer ID in the payload, else its sender. */
export function nodeStatusKey(event: p2p_events.P2PEvent): string | undefined {
  if (!event.node_status) return undefined;
  return event.node_status.peer_id || event.sender_peer_id || undefined;
}
