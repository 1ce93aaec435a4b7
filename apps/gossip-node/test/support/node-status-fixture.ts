import { expect } from '@jest/globals';
import { TERANODE_FEE_POLICY_EVENT } from '@teranode-p2p/testing';
import type { GoEvent } from './go-peer.js';

/**
 * The node_status shapes the Go peer speaks (`-node-status`): today's (message_types.go at
 * Teranode ad41218) and v0.11's (with block_assembly_details).
 */
export type NodeStatusShape = 'current' | 'v0.11';

/** What our node sends, in the settings below. */
export const OWN_STATUS_SETTINGS = {
  asset_propagation_public_url: 'https://tx.ts-a.example',
  minminingtxfee: '0.000005',
  maxtxsigopscountspolicy: '4000',
};

/**
 * A node_status with every field of `shape` set, in Teranode's JSON names (what the Go peer
 * publishes) and as our P2PEvent carries it; `hash` makes it recognisable.
 */
export function nodeStatusPair(
  hash: string,
  author: string,
  syncPeer: string,
  shape: NodeStatusShape,
) {
  const common = { base_url: 'https://go.example/api/v1', peer_id: author, best_height: 812_345 };
  const tail = {
    fsm_state: 'RUNNING',
    start_time: 1_759_500_000,
    uptime: 3600.25,
    client_name: 'teranode-go',
    miner_name: '/Teranode/',
    listen_mode: 'full',
    chain_work: '00'.repeat(31) + '2a',
    sync_peer_id: syncPeer,
    sync_peer_height: 812_346,
    sync_peer_block_hash: hash,
    sync_connected_at: 1_759_500_100,
  };
  // int64 and uint64 fields are decimal strings in the event (exact), numbers in Teranode's JSON
  const eventTail = {
    ...tail,
    start_time: String(tail.start_time),
    sync_connected_at: String(tail.sync_connected_at),
    block_assembly_details: undefined, // no longer written
  };
  if (shape === 'v0.11') {
    const version = { version: 'v0.11.1', commit_hash: 'fb3d000cc' };
    return {
      go: {
        type: 'node_status',
        ...common,
        ...version,
        best_block_hash: hash,
        block_assembly_details: {
          blockAssemblyState: 'running',
          subtreeProcessorState: 'running',
          subtreeCount: 2,
          txCount: 4312,
          queueCount: 3,
          currentHeight: 812_345,
          currentHash: hash,
          removeMapCount: 1,
          subtrees: [hash],
        },
        ...tail,
      },
      event: {
        ...common,
        ...version,
        best_block_hash: hash,
        // the counts of block_assembly_details, which these two replaced
        tx_count: '4312',
        subtree_count: 2,
        propagation_url: '',
        min_mining_tx_fee: undefined,
        fee_policy: undefined,
        connected_peers_count: '0',
        storage: '',
        ...eventTail,
      },
    };
  }
  const version = { version: 'v0.12.0', commit_hash: 'ad41218' };
  const fee = { min_mining_tx_fee: 0.000005 };
  return {
    go: {
      ...common,
      type: 'node_status',
      propagation_url: 'https://tx.go.example',
      ...version,
      best_block_hash: hash,
      tx_count: 4312,
      subtree_count: 2,
      ...tail,
      ...fee,
      fee_policy: {
        miningFee: { satoshis: 500, bytes: 1000 },
        maxscriptsizepolicy: 500_000,
        maxtxsizepolicy: 10_485_760,
        maxtxsigopscountspolicy: 4000,
      },
      connected_peers_count: 12,
      storage: 'full',
    },
    event: {
      ...common,
      propagation_url: 'https://tx.go.example',
      ...version,
      best_block_hash: hash,
      tx_count: '4312',
      subtree_count: 2,
      ...eventTail,
      ...fee,
      fee_policy: TERANODE_FEE_POLICY_EVENT,
      connected_peers_count: '12',
      storage: 'full',
    },
  };
}

/**
 * Our node's node_status as the Go peer decoded it into the struct of `shape`: every field
 * Teranode reads. Today's adds the propagation URL, fee and policy of OWN_STATUS_SETTINGS and
 * the connected peer count and storage (the node sends no block-assembly counts, and no sync
 * peer while it has none).
 */
export function expectOurNodeStatus(
  received: GoEvent,
  own: { peerId: string; clientName: string; version: string },
  shape: NodeStatusShape,
): void {
  const common = {
    type: 'node_status',
    base_url: expect.any(String),
    peer_id: own.peerId,
    version: own.version,
    commit_hash: expect.any(String),
    best_block_hash: expect.any(String),
    best_height: expect.any(Number),
    fsm_state: expect.any(String),
    start_time: expect.any(Number),
    uptime: expect.any(Number),
    client_name: own.clientName,
    miner_name: expect.any(String),
    listen_mode: 'full',
    chain_work: expect.any(String),
  };
  if (shape === 'v0.11') {
    expect(received['payload']).toEqual(common);
    return;
  }
  expect(received['payload']).toEqual({
    ...common,
    propagation_url: OWN_STATUS_SETTINGS.asset_propagation_public_url,
    min_mining_tx_fee: 0.000005,
    fee_policy: {
      miningFee: { satoshis: 500, bytes: 1000 },
      maxscriptsizepolicy: 500_000,
      maxtxsizepolicy: 10_485_760,
      maxtxsigopscountspolicy: 4000,
    },
    connected_peers_count: expect.any(Number),
    storage: expect.stringMatching(/^(full|pruned)$/),
  });
}
