import { expect } from '@jest/globals';
import type { GoEvent } from './go-peer.js';

/**
 * A node_status with every field set, in Teranode's JSON names (what the Go peer publishes)
 * and as our P2PEvent carries it; `hash` makes it recognisable.
 */
export function nodeStatusPair(hash: string, author: string, syncPeer: string) {
  const common = { version: 'v0.11.1', commit_hash: 'fb3d000cc', best_height: 812_345 };
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
  const head = { base_url: 'https://go.example/api/v1', peer_id: author, ...common };
  return {
    go: {
      type: 'node_status',
      ...head,
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
      ...head,
      best_block_hash: hash,
      block_assembly_details: {
        block_assembly_state: 'running',
        subtree_processor_state: 'running',
        subtree_count: 2,
        tx_count: '4312',
        queue_count: '3',
        current_height: 812_345,
        current_hash: hash,
        remove_map_count: 1,
        subtrees: [hash],
      },
      ...tail,
      // int64 fields are decimal strings in the event (exact), numbers in Teranode's JSON
      start_time: String(tail.start_time),
      sync_connected_at: String(tail.sync_connected_at),
    },
  };
}

/** Our node's node_status as the Go peer decoded it: every field Teranode reads. */
export function expectOurNodeStatus(
  received: GoEvent,
  own: { peerId: string; clientName: string; version: string },
): void {
  expect(received['payload']).toEqual({
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
  });
}
