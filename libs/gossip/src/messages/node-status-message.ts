import {
  goFloat64,
  goInt32,
  goInt64,
  goString,
  goStringSlice,
  goUint32,
  goUint64,
} from '../json/go-fields.js';
import { field, goPointer, GoStruct, type StructValue } from '../json/go-struct.js';
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

/** Teranode's `NodeStatusMessage` (json tags): reference-service.md §2.6. */
const spec = {
  type: field('type', goString),
  baseUrl: field('base_url', goString),
  peerId: field('peer_id', goString),
  version: field('version', goString),
  commitHash: field('commit_hash', goString),
  bestBlockHash: field('best_block_hash', goString),
  bestHeight: field('best_height', goUint32),
  blockAssemblyDetails: field('block_assembly_details', goPointer(blockAssemblyStruct), true),
  fsmState: field('fsm_state', goString),
  startTime: field('start_time', goInt64),
  uptime: field('uptime', goFloat64),
  clientName: field('client_name', goString),
  minerName: field('miner_name', goString),
  listenMode: field('listen_mode', goString),
  chainWork: field('chain_work', goString),
  syncPeerId: field('sync_peer_id', goString, true),
  syncPeerHeight: field('sync_peer_height', goInt32, true),
  syncPeerBlockHash: field('sync_peer_block_hash', goString, true),
  syncConnectedAt: field('sync_connected_at', goInt64, true),
};

export type NodeStatusMessage = StructValue<typeof spec>;
export const nodeStatusMessageCodec = new GossipCodec(new GoStruct('NodeStatusMessage', spec));

export function blockAssemblyDetails(value: Partial<BlockAssemblyDetails>): BlockAssemblyDetails {
  return { ...blockAssemblyStruct.zero(), ...value };
}
