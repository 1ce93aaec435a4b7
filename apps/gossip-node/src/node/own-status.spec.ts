import { describe, expect, it } from '@jest/globals';
import { nodeStatusMessageCodec } from '@teranode-p2p/gossip';
import { ownNodeStatus, type OwnStatusSettings, type SyncPeerView } from './own-status.js';

const SELF = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';
const SETTINGS: OwnStatusSettings = {
  clientName: 'node1',
  listen_mode: 'full',
  asset_httpAddress: 'http://localhost:8090/api/v1',
  asset_httpPublicAddress: 'https://node1.example.com/api/v1',
  asset_propagation_public_url: undefined,
  minminingtxfee: undefined,
  maxscriptsizepolicy: 500_000,
  maxtxsizepolicy: 10_485_760,
  maxtxsigopscountspolicy: 0,
  global_blockHeightRetention: 288,
  pruner_block_trigger: 'OnBlockPersisted',
};
const CHAIN = {
  bestBlockHash: 'ab'.repeat(32),
  bestHeight: 7,
  fsmState: 'RUNNING',
  minerName: '/m/',
  chainWork: '0f',
  blockPersisterHeight: 7,
};

const SYNC_PEER = '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n';
const status = (
  settings: Partial<OwnStatusSettings> = {},
  connectedPeers = 2,
  syncPeer?: SyncPeerView,
) =>
  ownNodeStatus(
    { ...SETTINGS, ...settings },
    SELF,
    1_700_000_000_000,
    CHAIN,
    { connectedPeers, syncPeer },
    1_700_000_010_500,
  );
const json = (settings: Partial<OwnStatusSettings> = {}) =>
  nodeStatusMessageCodec.encodeText(status(settings));

describe("this node's node_status (reference-peer-registry.md §7.3)", () => {
  it("is today's shape, byte for byte as Go writes it", () => {
    expect(
      json({ minminingtxfee: 0.000005, asset_propagation_public_url: 'https://tx.example.com' }),
    ).toBe(
      `{"peer_id":"${SELF}","client_name":"node1","type":"node_status","base_url":"https://node1.example.com/api/v1","propagation_url":"https://tx.example.com","version":"0.1.0","commit_hash":"","best_block_hash":"${'ab'.repeat(32)}","best_height":7,"fsm_state":"RUNNING","start_time":1700000000,"uptime":10.5,"miner_name":"/m/","listen_mode":"full","chain_work":"0f","min_mining_tx_fee":0.000005,"fee_policy":{"miningFee":{"satoshis":500,"bytes":1000},"maxscriptsizepolicy":500000,"maxtxsizepolicy":10485760,"maxtxsigopscountspolicy":0},"connected_peers_count":2,"storage":"full"}`,
    );
  });

  it('sends the DataHub URL as propagation_url when asset_propagation_public_url is unset, as Teranode', () => {
    expect(status().propagationUrl).toBe('https://node1.example.com/api/v1');
    expect(status({ asset_httpPublicAddress: undefined }).propagationUrl).toBe(
      'http://localhost:8090/api/v1',
    );
  });

  it.each(['listen_only', 'silent'] as const)(
    'sends empty base_url and propagation_url in %s mode, so no peer syncs from it',
    (mode) => {
      const own = status({
        listen_mode: mode,
        asset_propagation_public_url: 'https://tx.example.com',
      });
      expect(own).toMatchObject({ baseUrl: '', propagationUrl: '', listenMode: mode });
      expect(nodeStatusMessageCodec.encodeText(own)).not.toContain('propagation_url');
    },
  );

  it('leaves min_mining_tx_fee and fee_policy out (unknown) without minminingtxfee', () => {
    const text = json();
    expect(text).not.toContain('min_mining_tx_fee');
    expect(text).not.toContain('fee_policy');
  });

  it('sends a zero fee as a known 0, with its policy', () => {
    expect(json({ minminingtxfee: 0 })).toContain(
      '"min_mining_tx_fee":0,"fee_policy":{"miningFee":{"satoshis":0,"bytes":1000},',
    );
  });

  it('leaves both fee fields out when the policy cannot be advertised', () => {
    const own = status({ minminingtxfee: 0.00001, maxtxsizepolicy: -1 });
    expect([own.minMiningTxFee, own.feePolicy]).toEqual([undefined, undefined]);
  });

  it('counts connected peers, and leaves out what it does not know: block assembly, and a sync peer while there is none', () => {
    expect(status({}, 0).connectedPeersCount).toBe(0n);
    const text = json();
    expect(text).toContain('"connected_peers_count":2');
    for (const key of ['tx_count', 'subtree_count', 'sync_peer', 'block_assembly'])
      expect(text).not.toContain(key);
  });

  it("says storage from the block persister's height: pruned without one, as Teranode", () => {
    const at = (blockPersisterHeight: number, bestHeight: number) =>
      ownNodeStatus(
        SETTINGS,
        SELF,
        0,
        { ...CHAIN, blockPersisterHeight, bestHeight },
        {
          connectedPeers: 0,
        },
      ).storage;
    expect([at(700, 988), at(700, 989), at(0, 5)]).toEqual(['full', 'pruned', 'pruned']);
  });

  const syncPeer = (connected: boolean): SyncPeerView => ({
    peerId: SYNC_PEER,
    height: 915_001,
    blockHash: 'cd'.repeat(32),
    sinceMs: 1_700_000_004_999,
    connected,
  });

  it("carries the sync coordinator's peer: its ID, height and best block, and since when", () => {
    expect(nodeStatusMessageCodec.encodeText(status({}, 2, syncPeer(true)))).toContain(
      `"sync_peer_id":"${SYNC_PEER}","sync_peer_height":915001,"sync_peer_block_hash":"${'cd'.repeat(32)}","sync_connected_at":1700000004,`,
    );
  });

  it('sends only the sync peer ID and time while the peer is not connected here, as Teranode', () => {
    const text = nodeStatusMessageCodec.encodeText(status({}, 2, syncPeer(false)));
    expect(text).toContain(`"sync_peer_id":"${SYNC_PEER}","sync_connected_at":1700000004,`);
    expect(text).not.toContain('sync_peer_height');
    expect(text).not.toContain('sync_peer_block_hash');
  });
});
