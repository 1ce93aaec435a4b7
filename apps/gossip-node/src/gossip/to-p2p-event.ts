import { p2p_events, p2pEventsTopic, type TopicRecord } from '@teranode-p2p/contracts';
import type { AcceptedGossip, FeePolicy, NodeStatusMessage } from '@teranode-p2p/gossip';

function feePolicyToProto(policy: FeePolicy): p2p_events.FeePolicy {
  return {
    mining_fee: {
      satoshis: String(policy.miningFee.satoshis),
      bytes: String(policy.miningFee.bytes),
    },
    max_script_size_policy: String(policy.maxScriptSizePolicy),
    max_tx_size_policy: String(policy.maxTxSizePolicy),
    max_tx_sigops_counts_policy: String(policy.maxTxSigopsCountsPolicy),
  };
}

/**
 * node_status as the event carries it: today's fields (reference-peer-registry.md §7.3). A v0.11
 * sender's block_assembly_details is not carried; its txCount and subtreeCount become tx_count
 * and subtree_count, which replaced it (today's Teranode drops them: it ignores the key).
 */
export function nodeStatusToProto(message: NodeStatusMessage): p2p_events.NodeStatus {
  const legacy = message.blockAssemblyDetails;
  return {
    base_url: message.baseUrl,
    peer_id: message.peerId,
    version: message.version,
    commit_hash: message.commitHash,
    best_block_hash: message.bestBlockHash,
    best_height: message.bestHeight,
    block_assembly_details: undefined,
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
    propagation_url: message.propagationUrl,
    tx_count: String(message.txCount || (legacy?.txCount ?? 0n)),
    subtree_count: message.subtreeCount || (legacy?.subtreeCount ?? 0),
    min_mining_tx_fee: message.minMiningTxFee,
    fee_policy: message.feePolicy && feePolicyToProto(message.feePolicy),
    connected_peers_count: String(message.connectedPeersCount),
    storage: message.storage,
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
  /** For the WebSocket feed only (a low-reputation sender's subtree, node_status, rejected tx). */
  readonly skipProcessing?: boolean;
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
    skip_processing: context.skipProcessing ?? false,
    ...payload,
  });
  return p2pEventsTopic.toRecord(event);
}
