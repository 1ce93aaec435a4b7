import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TERANODE_FEE_POLICY_EVENT, waitFor } from '@teranode-p2p/testing';
import {
  EventProducer,
  p2pEvent,
  RECEIVER,
  SENDER,
  subtreeEvent,
} from './support/event-producer.js';
import { FeedTestClient, waitUntilConsuming } from './support/feed-client.js';
import { startGateway, type RunningGateway } from './support/gateway-process.js';

const at = (iso: string) => String(Date.parse(iso));
const BLOCK_HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
const SUBTREE_HASH = '4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d';

// Real Kafka, the built app, a real WebSocket client: each frame must be byte for byte what
// Teranode's Go server writes today (notificationMsg of HandleWebsocket.go at ad41218; format of
// reference-service.md §5: key order, omitted and always-present fields, timestamp format).
describe('ws-gateway feed format', () => {
  let producer: EventProducer;
  let gateway: RunningGateway;
  let client: FeedTestClient;

  beforeAll(async () => {
    producer = await EventProducer.create();
    gateway = await startGateway(producer.topic, {
      ws_ping_interval: '300ms',
      asset_httpPublicAddress: 'https://node1.example.com/api/v1',
    });
    client = await FeedTestClient.connect(gateway.wsUrl);
    await waitUntilConsuming(producer, [client]);
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await producer?.close();
  });

  it('sends block, subtree, mining_on and node_status exactly as Teranode, and nothing for rejected tx', async () => {
    await producer.send(
      p2pEvent({
        received_at_ms: at('2025-10-03T12:00:00.250Z'),
        block: {
          hash: BLOCK_HASH,
          height: 915001,
          data_hub_url: 'https://peer2.example.com/api/v1',
          peer_id: SENDER,
          header: '00'.repeat(80),
          coinbase: '01',
        },
      }),
      p2pEvent({
        received_at_ms: at('2025-10-03T12:00:01Z'),
        subtree: {
          hash: SUBTREE_HASH,
          data_hub_url: 'https://peer2.example.com/api/v1',
          peer_id: SENDER,
        },
      }),
      p2pEvent({ rejected_tx: { tx_id: 'aa', reason: 'invalid_script', peer_id: SENDER } }),
      p2pEvent({
        received_at_ms: at('2025-10-03T12:00:02Z'),
        mining_on: {
          hash: BLOCK_HASH,
          previous_hash: SUBTREE_HASH,
          data_hub_url: 'https://peer2.example.com/api/v1',
          peer_id: SENDER,
          height: 915001,
          miner: '/Teranode/',
          size_in_bytes: '123456',
          tx_count: '4312',
        },
      }),
      p2pEvent({
        received_at_ms: at('2025-10-03T12:00:10Z'),
        node_status: {
          base_url: 'https://node1.example.com/api/v1',
          propagation_url: 'https://tx.node1.example.com',
          peer_id: RECEIVER,
          version: 'v0.12.0',
          commit_hash: 'ad41218',
          best_block_hash: '00000000000000000a1b…',
          best_height: 915000,
          tx_count: '4312',
          subtree_count: 2,
          fsm_state: 'RUNNING',
          start_time: '1759500000',
          uptime: 10.02,
          client_name: 'teranode1',
          miner_name: '/Teranode/',
          listen_mode: 'full',
          chain_work: '…',
          sync_peer_id: SENDER,
          sync_peer_height: 915001,
          sync_peer_block_hash: '00000000000000000c2d…',
          sync_connected_at: '1759500100',
          min_mining_tx_fee: 0.000005,
          fee_policy: TERANODE_FEE_POLICY_EVENT,
          connected_peers_count: '12',
          storage: 'full',
        },
      }),
      // written by a gossip-node of before today's node_status: v0.11 block-assembly details
      p2pEvent({
        received_at_ms: at('2025-10-03T12:00:11Z'),
        node_status: {
          base_url: 'https://node1.example.com/api/v1',
          peer_id: RECEIVER,
          version: 'v0.11.0',
          commit_hash: 'fb3d000cc',
          best_block_hash: '00000000000000000a1b…',
          best_height: 915000,
          block_assembly_details: {
            block_assembly_state: '',
            subtree_processor_state: '',
            subtree_count: 2,
            tx_count: '4312',
            queue_count: '0',
            current_height: 915000,
            current_hash: '',
            remove_map_count: 0,
            subtrees: [],
          },
          fsm_state: 'RUNNING',
          start_time: '1759500000',
          uptime: 10.02,
          client_name: 'teranode1',
          listen_mode: 'full',
          chain_work: '…',
        },
      }),
    );
    const frames = await client.waitForEvents(5);
    expect(frames.map((f) => f.text)).toEqual([
      `{"timestamp":"2025-10-03T12:00:00Z","type":"block","hash":"${BLOCK_HASH}","base_url":"https://peer2.example.com/api/v1","peer_id":"${SENDER}","height":915001,"best_height":0}`,
      `{"timestamp":"2025-10-03T12:00:01Z","type":"subtree","hash":"${SUBTREE_HASH}","base_url":"https://peer2.example.com/api/v1","peer_id":"${SENDER}","best_height":0}`,
      `{"timestamp":"2025-10-03T12:00:02Z","type":"mining_on","hash":"${BLOCK_HASH}","base_url":"https://peer2.example.com/api/v1","peer_id":"${SENDER}","previousblockhash":"${SUBTREE_HASH}","tx_count":4312,"height":915001,"size_in_bytes":123456,"miner":"/Teranode/","best_height":0}`,
      `{"timestamp":"2025-10-03T12:00:10Z","type":"node_status","base_url":"https://node1.example.com/api/v1","propagation_url":"https://tx.node1.example.com","peer_id":"${RECEIVER}","tx_count":4312,"version":"v0.12.0","commit_hash":"ad41218","best_block_hash":"00000000000000000a1b…","best_height":915000,"subtree_count":2,"fsm_state":"RUNNING","start_time":1759500000,"uptime":10.02,"client_name":"teranode1","miner_name":"/Teranode/","listen_mode":"full","chain_work":"…","sync_peer_id":"${SENDER}","sync_peer_height":915001,"sync_peer_block_hash":"00000000000000000c2d…","sync_connected_at":1759500100,"min_mining_tx_fee":0.000005,"fee_policy":{"miningFee":{"satoshis":500,"bytes":1000},"maxscriptsizepolicy":500000,"maxtxsizepolicy":10485760,"maxtxsigopscountspolicy":4000},"connected_peers_count":12,"storage":"full"}`,
      `{"timestamp":"2025-10-03T12:00:11Z","type":"node_status","base_url":"https://node1.example.com/api/v1","peer_id":"${RECEIVER}","tx_count":4312,"version":"v0.11.0","commit_hash":"fb3d000cc","best_block_hash":"00000000000000000a1b…","best_height":915000,"subtree_count":2,"fsm_state":"RUNNING","start_time":1759500000,"uptime":10.02,"client_name":"teranode1","listen_mode":"full","chain_work":"…"}`,
    ]);
    // Today's notificationMsg has no block_assembly_details: no frame of any type carries it.
    await new Promise((resolve) => setTimeout(resolve, 400)); // a PING too
    expect(client.frames.some((f) => f.json['type'] === 'PING')).toBe(true);
    for (const frame of client.frames) expect(frame.text).not.toContain('block_assembly_details');
  });

  it('sends PING at the configured interval, in Teranode format with the node ID learnt from events', async () => {
    const start = client.frames.length;
    await client.waitForEvents(0);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const pings = client.frames.slice(start).filter((f) => f.json['type'] === 'PING');
    expect(pings.length).toBeGreaterThanOrEqual(4);
    expect(pings.length).toBeLessThanOrEqual(7);
    const gaps = pings.slice(1).map((p, i) => p.at - pings[i]!.at);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(150);
      expect(gap).toBeLessThan(600);
    }
    expect(pings.at(-1)!.text).toMatch(
      new RegExp(
        `^\\{"timestamp":"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ","type":"PING","base_url":"https://node1.example.com/api/v1","peer_id":"${RECEIVER}","best_height":0\\}$`,
      ),
    );
  });

  it('ends a client that stops answering protocol pings, and counts it as dead', async () => {
    const silent = await FeedTestClient.connect(gateway.wsUrl);
    // A paused socket reads nothing, so the client never sees the ping nor answers with a pong.
    (silent.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await waitFor(
      'the silent client to be counted dead',
      async () => {
        const stats = (await (await fetch(`${gateway.httpUrl}/p2p-ws/stats`)).json()) as {
          clients: number;
          dropped: { dead: number };
        };
        return stats.dropped.dead === 1 && stats.clients === 1;
      },
      { timeoutMs: 5_000 },
    );
    expect(client.closed).toBeUndefined();
    silent.close();
  });

  it('is ready while Kafka answers', async () => {
    const response = await fetch(`${gateway.httpUrl}/health/readiness`);
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('message-bus');
  });

  it('keeps running past records that are not P2PEvents, and counts them', async () => {
    await producer.sendRaw(
      Buffer.from([0xff, 0xff, 0xff, 0xff]),
      Buffer.alloc(0),
      Buffer.from('not protobuf'),
    );
    await producer.send(subtreeEvent('after-garbage'));
    await client.waitForEvents(6); // the five of the first test, then this one
    expect(client.events().at(-1)!.json['hash']).toBe('after-garbage');
    const metrics = await (await fetch(`${gateway.httpUrl}/metrics`)).text();
    const invalid = metrics
      .split('\n')
      .filter((line) => line.startsWith('ws_gateway_event_records_total') && !/shown/.test(line));
    const total = invalid.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    expect(total).toBe(3);
  });

  it('shows an event whose time no date can hold, stamped now, and goes on past it', async () => {
    // Formatting such a time threw, the consumer tried the record again forever and the feed
    // of its partition stopped.
    const sentAt = Date.now();
    await producer.send(
      p2pEvent({
        received_at_ms: '9223372036854775807',
        subtree: { hash: 'far-future', data_hub_url: 'https://peer2.example.com/api/v1' },
      }),
      subtreeEvent('after-far-future'),
    );
    await client.waitForEvents(8);
    const [farFuture, after] = client.events().slice(-2);
    expect(farFuture!.json['hash']).toBe('far-future');
    const shownAt = Date.parse(farFuture!.json['timestamp'] as string);
    expect(shownAt).toBeGreaterThanOrEqual(Math.floor(sentAt / 1000) * 1000);
    expect(shownAt).toBeLessThanOrEqual(Date.now());
    expect(after!.json['hash']).toBe('after-far-future');
  });
});
