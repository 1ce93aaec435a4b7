import {
  goFloat64,
  goInt64,
  goString,
  goStringSlice,
  goUint32,
  goUint64,
} from '../json/go-fields.js';
import { field, goPointer, GoStruct, legacyField, type StructValue } from '../json/go-struct.js';
import { GossipCodec } from '../json/gossip-codec.js';

/** blockassembly_api.StateMessage as encoding/json writes it: every field omitempty. */
const blockAssemblySpec = {
  blockAssemblyState: field('blockAssemblyState', goString, true),
  subtreeProcessorState: field('subtreeProcessorState', goString, true),
  subtreeCount: field('subtreeCount', goUint32, true),
  txCount: field('txCount', goUint64, true),
  queueCount: field('queueCount', goInt64, true),
  currentHeight: field('currentHeight', goUint32, true),
  currentHash: field('currentHash', goString, true),
  removeMapCount: field('removeMapCount', goUint32, true),
  subtrees: field('subtrees', goStringSlice, true),
};

export type BlockAssemblyDetails = StructValue<typeof blockAssemblySpec>;
const blockAssemblyStruct = new GoStruct('StateMessage', blockAssemblySpec);

/** Teranode's `FeeAmount` (services/p2p/message_types.go): satoshis per a number of bytes. */
const feeAmountStruct = new GoStruct('FeeAmount', {
  satoshis: field('satoshis', goUint64),
  bytes: field('bytes', goUint64),
});

/** Teranode's `FeePolicy`: ARC's /v1/policy shape, keys as ARC spells them. */
const feePolicySpec = {
  miningFee: field('miningFee', feeAmountStruct),
  maxScriptSizePolicy: field('maxscriptsizepolicy', goUint64),
  maxTxSizePolicy: field('maxtxsizepolicy', goUint64),
  maxTxSigopsCountsPolicy: field('maxtxsigopscountspolicy', goUint64),
};

export type FeePolicy = StructValue<typeof feePolicySpec>;
const feePolicyStruct = new GoStruct('FeePolicy', feePolicySpec);

/**
 * Teranode's `NodeStatusMessage` as services/p2p/message_types.go declares it today
 * (reference-peer-registry.md §7.3), in its field order. Older senders (Teranode v0.11,
 * reference-service.md §2.6) put `peer_id` and `client_name` elsewhere (order does not matter
 * when reading), sent `sync_peer_height` as int32, and sent `block_assembly_details`, which
 * today's struct has dropped: it is still read from them, never written.
 */
const spec = {
  peerId: field('peer_id', goString),
  clientName: field('client_name', goString),
  type: field('type', goString),
  baseUrl: field('base_url', goString),
  /** Where peers send transactions; receivers use base_url when it is empty. */
  propagationUrl: field('propagation_url', goString, true),
  version: field('version', goString),
  commitHash: field('commit_hash', goString),
  bestBlockHash: field('best_block_hash', goString),
  bestHeight: field('best_height', goUint32),
  /** Transactions in block assembly. */
  txCount: field('tx_count', goUint64, true),
  /** Subtrees in block assembly. */
  subtreeCount: field('subtree_count', goUint32, true),
  /** v0.11 only (replaced by tx_count and subtree_count). */
  blockAssemblyDetails: legacyField('block_assembly_details', goPointer(blockAssemblyStruct)),
  fsmState: field('fsm_state', goString),
  startTime: field('start_time', goInt64),
  uptime: field('uptime', goFloat64),
  minerName: field('miner_name', goString),
  listenMode: field('listen_mode', goString),
  chainWork: field('chain_work', goString),
  syncPeerId: field('sync_peer_id', goString, true),
  syncPeerHeight: field('sync_peer_height', goUint32, true),
  syncPeerBlockHash: field('sync_peer_block_hash', goString, true),
  syncConnectedAt: field('sync_connected_at', goInt64, true),
  /** BSV per kB; undefined = unknown (JSON null or absent), 0 = no fee. */
  minMiningTxFee: field('min_mining_tx_fee', goPointer(goFloat64), true),
  /** undefined = unknown (an older peer, or a policy that cannot be advertised). */
  feePolicy: field('fee_policy', goPointer(feePolicyStruct), true),
  /** Go `int`: 64 bits on every platform Teranode runs on. */
  connectedPeersCount: field('connected_peers_count', goInt64, true),
  /** "full", "pruned", or empty (unknown: an older peer, or a node that does not say). */
  storage: field('storage', goString, true),
};

export type NodeStatusMessage = StructValue<typeof spec>;
export const nodeStatusMessageCodec = new GossipCodec(new GoStruct('NodeStatusMessage', spec));

export function blockAssemblyDetails(value: Partial<BlockAssemblyDetails>): BlockAssemblyDetails {
  return { ...blockAssemblyStruct.zero(), ...value };
}
