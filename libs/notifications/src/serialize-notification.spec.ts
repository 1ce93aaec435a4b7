import { describe, expect, it } from '@jest/globals';
import type { p2p_events } from '@teranode-p2p/contracts';
import { TERANODE_FEE_POLICY_EVENT } from '@teranode-p2p/testing';
import { notificationFromEvent } from './notification-from-event.js';
import { pingNotification } from './ping-notification.js';
import { serializeNotification } from './serialize-notification.js';

const SENDER = '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n';
const NODE1 = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';
const at = (iso: string) => Date.parse(iso);

function event(fields: Partial<p2p_events.P2PEvent>): p2p_events.P2PEvent {
  return {
    sender_peer_id: SENDER,
    receiver_peer_id: NODE1,
    topic: 'teranode/bitcoin/1.0.0/mainnet-block',
    received_at_ms: '0',
    skip_processing: false,
    block: undefined,
    subtree: undefined,
    mining_on: undefined,
    node_status: undefined,
    rejected_tx: undefined,
    ...fields,
  };
}

function json(e: p2p_events.P2PEvent, nowMs = 0): string {
  const message = notificationFromEvent(e, nowMs);
  if (!message) throw new Error('no notification');
  return serializeNotification(message);
}

const emptyNodeStatus: p2p_events.NodeStatus = {
  base_url: '',
  peer_id: '',
  version: '',
  commit_hash: '',
  best_block_hash: '',
  best_height: 0,
  block_assembly_details: undefined,
  fsm_state: '',
  start_time: '0',
  uptime: 0,
  client_name: '',
  miner_name: '',
  listen_mode: '',
  chain_work: '',
  sync_peer_id: '',
  sync_peer_height: 0,
  sync_peer_block_hash: '',
  sync_connected_at: '0',
  propagation_url: '',
  tx_count: '0',
  subtree_count: 0,
  min_mining_tx_fee: undefined,
  fee_policy: undefined,
  connected_peers_count: '0',
  storage: '',
};

const emptyBlockAssembly: p2p_events.BlockAssemblyDetails = {
  block_assembly_state: '',
  subtree_processor_state: '',
  subtree_count: 0,
  tx_count: '0',
  queue_count: '0',
  current_height: 0,
  current_hash: '',
  remove_map_count: 0,
  subtrees: [],
};

// The expected strings are reference-service.md §5's examples without block_assembly_details,
// and what Go's encoding/json writes for today's notificationMsg (HandleWebsocket.go at ad41218).
describe("notificationMsg JSON (reference-service.md §5, today's struct)", () => {
  it('block', () => {
    const e = event({
      received_at_ms: String(at('2025-10-03T12:00:00.987Z')),
      block: {
        hash: '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
        height: 915001,
        data_hub_url: 'https://peer2.example.com/api/v1',
        peer_id: SENDER,
        header: '00'.repeat(80),
        coinbase: 'ff',
      },
    });
    expect(json(e)).toBe(
      '{"timestamp":"2025-10-03T12:00:00Z","type":"block","hash":"000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f","base_url":"https://peer2.example.com/api/v1","peer_id":"12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n","height":915001,"best_height":0}',
    );
  });

  it('subtree', () => {
    const e = event({
      received_at_ms: String(at('2025-10-03T12:00:01Z')),
      subtree: {
        hash: '4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d',
        data_hub_url: 'https://peer2.example.com/api/v1',
        peer_id: SENDER,
      },
    });
    expect(json(e)).toBe(
      '{"timestamp":"2025-10-03T12:00:01Z","type":"subtree","hash":"4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d","base_url":"https://peer2.example.com/api/v1","peer_id":"12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n","best_height":0}',
    );
    // A low-reputation sender's subtree is still shown (only its processing is skipped).
    expect(json({ ...e, skip_processing: true })).toBe(json(e));
  });

  it('PING', () => {
    const message = pingNotification(
      'https://node1.example.com/api/v1',
      NODE1,
      at('2025-10-03T12:00:10.5Z'),
    );
    expect(serializeNotification(message)).toBe(
      '{"timestamp":"2025-10-03T12:00:10Z","type":"PING","base_url":"https://node1.example.com/api/v1","peer_id":"12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd","best_height":0}',
    );
  });

  it('PING before the gateway has seen its node: no peer_id', () => {
    expect(serializeNotification(pingNotification('http://a/api/v1', '', 0))).toBe(
      '{"timestamp":"1970-01-01T00:00:00Z","type":"PING","base_url":"http://a/api/v1","best_height":0}',
    );
  });

  it('node_status from a v0.11 peer (reference-service.md §5 example, no block_assembly_details)', () => {
    const e = event({
      received_at_ms: String(at('2025-10-03T12:00:10Z')),
      node_status: {
        ...emptyNodeStatus,
        base_url: 'https://node1.example.com/api/v1',
        peer_id: NODE1,
        version: 'v0.11.0',
        commit_hash: 'fb3d000cc',
        best_block_hash: '00000000000000000a1b…',
        best_height: 915000,
        tx_count: '4312',
        fsm_state: 'RUNNING',
        start_time: '1759500000',
        uptime: 10.02,
        client_name: 'teranode1',
        listen_mode: 'full',
        chain_work: '…',
      },
    });
    expect(json(e)).toBe(
      '{"timestamp":"2025-10-03T12:00:10Z","type":"node_status","base_url":"https://node1.example.com/api/v1","peer_id":"12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd","tx_count":4312,"version":"v0.11.0","commit_hash":"fb3d000cc","best_block_hash":"00000000000000000a1b…","best_height":915000,"fsm_state":"RUNNING","start_time":1759500000,"uptime":10.02,"client_name":"teranode1","listen_mode":"full","chain_work":"…"}',
    );
  });

  it("node_status with every field set keeps today's Go struct order", () => {
    const e = event({
      received_at_ms: String(at('2026-06-10T12:00:10Z')),
      node_status: {
        base_url: 'u',
        peer_id: 'p',
        version: 'v',
        commit_hash: 'c',
        best_block_hash: 'b',
        best_height: 1,
        block_assembly_details: undefined,
        fsm_state: 'RUNNING',
        start_time: '7',
        uptime: 3600.25,
        client_name: 'n',
        miner_name: 'm',
        listen_mode: 'listen_only',
        chain_work: 'w',
        sync_peer_id: 'sp',
        sync_peer_height: 8,
        sync_peer_block_hash: 'sb',
        sync_connected_at: '9',
        propagation_url: 'pu',
        tx_count: '4312',
        subtree_count: 2,
        min_mining_tx_fee: 0.000005,
        fee_policy: TERANODE_FEE_POLICY_EVENT,
        connected_peers_count: '12',
        storage: 'full',
      },
    });
    expect(json(e)).toBe(
      '{"timestamp":"2026-06-10T12:00:10Z","type":"node_status","base_url":"u","propagation_url":"pu","peer_id":"p","tx_count":4312,"version":"v","commit_hash":"c","best_block_hash":"b","best_height":1,"subtree_count":2,"fsm_state":"RUNNING","start_time":7,"uptime":3600.25,"client_name":"n","miner_name":"m","listen_mode":"listen_only","chain_work":"w","sync_peer_id":"sp","sync_peer_height":8,"sync_peer_block_hash":"sb","sync_connected_at":9,"min_mining_tx_fee":0.000005,"fee_policy":{"miningFee":{"satoshis":500,"bytes":1000},"maxscriptsizepolicy":500000,"maxtxsizepolicy":10485760,"maxtxsigopscountspolicy":4000},"connected_peers_count":12,"storage":"full"}',
    );
  });

  it('node_status: an unknown fee is left out, a zero fee is written', () => {
    const withFee = (min_mining_tx_fee: number | undefined) =>
      json(
        event({ received_at_ms: '1000', node_status: { ...emptyNodeStatus, min_mining_tx_fee } }),
      );
    expect(withFee(undefined)).toBe(
      '{"timestamp":"1970-01-01T00:00:01Z","type":"node_status","best_height":0}',
    );
    expect(withFee(0)).toBe(
      '{"timestamp":"1970-01-01T00:00:01Z","type":"node_status","best_height":0,"min_mining_tx_fee":0}',
    );
    expect(withFee(1e-8)).toContain('"min_mining_tx_fee":1e-8}');
    expect(withFee(NaN)).not.toContain('min_mining_tx_fee');
  });

  it('node_status from an older gossip-node: the v0.11 block-assembly counts become tx_count and subtree_count', () => {
    const e = event({
      received_at_ms: '1000',
      node_status: {
        ...emptyNodeStatus,
        block_assembly_details: { ...emptyBlockAssembly, tx_count: '4312', subtree_count: 2 },
      },
    });
    expect(json(e)).toBe(
      '{"timestamp":"1970-01-01T00:00:01Z","type":"node_status","tx_count":4312,"best_height":0,"subtree_count":2}',
    );
  });

  it('no frame has block_assembly_details', () => {
    const frames = [
      json(event({ received_at_ms: '1000', node_status: { ...emptyNodeStatus } })),
      json(
        event({
          node_status: {
            ...emptyNodeStatus,
            block_assembly_details: { ...emptyBlockAssembly, current_height: 5 },
          },
        }),
      ),
      json(
        event({
          block: { hash: 'h', height: 1, data_hub_url: '', peer_id: '', header: '', coinbase: '' },
        }),
      ),
      serializeNotification(pingNotification('http://a', NODE1, 0)),
    ];
    for (const frame of frames) expect(frame).not.toContain('block_assembly_details');
  });

  it('mining_on fills the fields Teranode reserved for it', () => {
    const e = event({
      received_at_ms: String(at('2025-10-03T12:00:02Z')),
      mining_on: {
        hash: 'aa',
        previous_hash: 'bb',
        data_hub_url: 'https://peer2.example.com/api/v1',
        peer_id: SENDER,
        height: 915001,
        miner: '/Teranode/',
        size_in_bytes: '123456',
        tx_count: '4312',
      },
    });
    expect(json(e)).toBe(
      '{"timestamp":"2025-10-03T12:00:02Z","type":"mining_on","hash":"aa","base_url":"https://peer2.example.com/api/v1","peer_id":"12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n","previousblockhash":"bb","tx_count":4312,"height":915001,"size_in_bytes":123456,"miner":"/Teranode/","best_height":0}',
    );
  });

  it('writes int64 and uint64 fields exactly, at their limits too (as Go does)', () => {
    const mined = json(
      event({
        mining_on: {
          hash: 'aa',
          previous_hash: '',
          data_hub_url: '',
          peer_id: '',
          height: 1,
          miner: '',
          size_in_bytes: '18446744073709551615',
          tx_count: '9007199254740993',
        },
      }),
    );
    expect(mined).toContain('"tx_count":9007199254740993,');
    expect(mined).toContain('"size_in_bytes":18446744073709551615,');
    const status = json(
      event({
        node_status: {
          ...emptyNodeStatus,
          start_time: '9223372036854775807',
          sync_connected_at: '-9223372036854775808',
          connected_peers_count: '9223372036854775807',
          tx_count: '18446744073709551615',
        },
      }),
    );
    expect(status).toContain('"tx_count":18446744073709551615,');
    expect(status).toContain('"start_time":9223372036854775807,');
    expect(status).toContain('"sync_connected_at":-9223372036854775808');
    expect(status).toContain('"connected_peers_count":9223372036854775807');
  });

  it('rejected transactions and empty events show nothing', () => {
    expect(
      notificationFromEvent(event({ rejected_tx: { tx_id: 'a', reason: 'b', peer_id: 'c' } }), 0),
    ).toBeUndefined();
    expect(notificationFromEvent(event({}), 0)).toBeUndefined();
  });

  it('stamps the time of receipt, or now when the event has none', () => {
    const e = event({ subtree: { hash: 'h', data_hub_url: '', peer_id: '' } });
    expect(json(e, at('2030-01-02T03:04:05.999Z'))).toBe(
      '{"timestamp":"2030-01-02T03:04:05Z","type":"subtree","hash":"h","best_height":0}',
    );
  });

  it('escapes strings as Go does (HTML characters, line separators, control characters)', () => {
    const e = event({
      received_at_ms: '1000',
      subtree: { hash: '<a>&"\\\n\t\u0001\u2028\u2029é', data_hub_url: '', peer_id: '' },
    });
    expect(json(e)).toBe(
      '{"timestamp":"1970-01-01T00:00:01Z","type":"subtree","hash":"\\u003ca\\u003e\\u0026\\"\\\\\\n\\t\\u0001\\u2028\\u2029é","best_height":0}',
    );
  });

  it('writes floats as Go does and leaves out values Go cannot encode', () => {
    const status = (uptime: number) =>
      json(event({ received_at_ms: '1000', node_status: { ...emptyNodeStatus, uptime } }));
    expect(status(1e21)).toContain('"uptime":1e+21');
    expect(status(1e-7)).toContain('"uptime":1e-7');
    expect(status(0.000001)).toContain('"uptime":0.000001');
    expect(status(Number.NaN)).not.toContain('uptime');
    expect(status(Number.POSITIVE_INFINITY)).not.toContain('uptime');
  });

  it('is valid JSON', () => {
    const e = event({
      received_at_ms: '1',
      block: { hash: 'h', height: 1, data_hub_url: 'u', peer_id: 'p', header: '', coinbase: '' },
    });
    expect(JSON.parse(json(e))).toMatchObject({ type: 'block', hash: 'h', height: 1 });
  });
});
