import { p2p_events, p2pEventsTopic, type TopicRecord } from '@teranode-p2p/contracts';
import type { AcceptedGossip, NodeStatusMessage } from '@teranode-p2p/gossip';

export function nodeStatusToProto(message: NodeStatusMessage): p2p_events.NodeStatus {
  const details = message.blockAssemblyDetails;
  return {
    base_url: message.baseUrl,
    peer_id: message.peerId,
    version: message.version,
    commit_hash: message.commitHash,
    best_block_hash: message.bestBlockHash,
    best_height: message.bestHeight,
    block_assembly_details: details && {
      block_assembly_state: details.blockAssemblyState,
      subtree_processor_state: details.subtreeProcessorState,
      subtree_count: details.subtreeCount,
      tx_count: String(details.txCount),
      queue_count: String(details.queueCount),
      current_height: details.currentHeight,
      current_hash: details.currentHash,
      remove_map_count: details.removeMapCount,
      subtrees: details.subtrees,
    },
    fsm_state: message.fsmState,
    start_time: String(message.startTime),
    uptime: message.uptime,
    client_name: message.clientName,
    miner_name: message.minerName,
    listen_mode: message.listenMode,
    chain_work: message.chainWork,
    sync_peer_id: message.syncPeerId,
    sync_peer_height: message.syncPeerHeight,
    sync_peer_block_hash: message.syncPeerBlockHash,
    sync_connected_at: String(message.syncConnectedAt),
  };
}

type Payload = Pick<
  p2p_events.P2PEvent,
  'block' | 'subtree' | 'mining_on' | 'node_status' | 'rejected_tx'
>;

function payloadOf(gossip: AcceptedGossip): Payload | undefined {
  switch (gossip.kind) {
    case 'block': {
      const m = gossip.message;
      return {
        block: {
          hash: gossip.hash,
          height: m.height,
          data_hub_url: m.dataHubUrl,
          peer_id: m.peerId,
          header: m.header,
          coinbase: m.coinbase,
        },
      };
    }
    case 'subtree':
      return {
        subtree: {
          hash: gossip.hash,
          data_hub_url: gossip.message.dataHubUrl,
          peer_id: gossip.message.peerId,
        },
      };
    case 'miningOn': {
      const m = gossip.message;
      return {
        mining_on: {
          hash: gossip.hash,
          previous_hash: m.previousHash,
          data_hub_url: m.dataHubUrl,
          peer_id: m.peerId,
          height: m.height,
          miner: m.miner,
          size_in_bytes: String(m.sizeInBytes),
          tx_count: String(m.txCount),
        },
      };
    }
    case 'rejectedTx':
      return {
        rejected_tx: {
          tx_id: gossip.hash,
          reason: gossip.message.reason,
          peer_id: gossip.message.peerId,
        },
      };
    case 'nodeStatus':
      return { node_status: nodeStatusToProto(gossip.message) };
    case 'handshake':
      return undefined; // handshakes are the node's own business, not an event
  }
}

export interface EventContext {
  readonly senderPeerId: string;
  readonly receiverPeerId: string;
  readonly topic: string;
  readonly receivedAtMs: number;
}

/**
 * The bus record of one accepted message: a P2PEvent, keyed and encoded by the p2p.events
 * contract (by its hash, or its sender).
 */
export function toP2pEventRecord(
  gossip: AcceptedGossip,
  context: EventContext,
): TopicRecord | undefined {
  const payload = payloadOf(gossip);
  if (payload === undefined) return undefined;
  const event = p2p_events.P2PEvent.fromPartial({
    sender_peer_id: context.senderPeerId,
    receiver_peer_id: context.receiverPeerId,
    topic: context.topic,
    received_at_ms: String(context.receivedAtMs),
    ...payload,
  });
  return p2pEventsTopic.toRecord(event);
}
