import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  freePort,
  numberedHash,
  requireKafka,
  spawnApp,
  type SpawnedApp,
  waitFor,
} from '@teranode-p2p/testing';
import WebSocket from 'ws';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { blockGossip } from './support/gossip-fixtures.js';
import { readiness } from './support/readiness.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const BLOCK_TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';
/**
 * The P2PEvent topic here takes 24 KiB records: a 16 KB URL fits, a 30 KB one does not (a block
 * announcement itself may have 32 KiB, Teranode's limit).
 */
const TOPIC_MAX_MESSAGE_BYTES = 24_576;
const FLOOD = 200;
const FLOOD_URL_BYTES = 16_000;

/** The p2p-events entry of gossip-node's readiness: where it is listed, and what it says. */
async function p2pEventsReadiness(node: NodeProcess) {
  const { info, error } = await readiness(node);
  if (info['p2p-events']) return { ready: true, ...info['p2p-events'] };
  return { ready: false, ...error['p2p-events'] };
}

// gossip-node, ws-gateway and the real broker; a remote libp2p peer floods the node with 200
// block announcements carrying 16 KB DataHub URLs (together far over any produce request the
// broker takes) and one whose P2PEvent is larger than the topic takes. Nothing may stop the
// pipeline: the next normal block still reaches a WebSocket client.
describe('a flood of large announcements', () => {
  let collector: P2pEventCollector;
  let banService: BanServiceDouble;
  let node: NodeProcess;
  let gateway: SpawnedApp;
  let peer: Libp2pHost;
  let client: WebSocket;
  const announcement = (n: number, urlBytes: number) =>
    blockGossip(
      peer,
      {
        hash: numberedHash(n),
        height: n,
        dataHubUrl: `http://hub.example/${'a'.repeat(urlBytes)}`,
      },
      'flooder',
    );
  const frames: string[] = [];
  const readinessSamples: { ready: boolean }[] = [];

  beforeAll(async () => {
    const brokers = await requireKafka();
    const events = await collectEvents(brokers, { maxMessageBytes: TOPIC_MAX_MESSAGE_BYTES });
    collector = events.collector;
    banService = await startBanServiceDouble();
    node = await startNodeProcess({
      ...events.env,
      ban_service_grpc_address: banService.address,
      p2p_min_peers: '0',
      kafka_stall_timeout: '3s',
    });
    const gatewayPort = await freePort();
    gateway = await spawnApp('ws-gateway', {
      env: {
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_P2P_EVENTS: collector.topic,
        p2p_http_listen_address: `127.0.0.1:${gatewayPort}`,
        ws_replica_name: `flood-${gatewayPort}`,
      },
      readyWhen: /ws-gateway ready/,
    });
    client = new WebSocket(`ws://127.0.0.1:${gatewayPort}/p2p-ws`);
    client.on('message', (data: Buffer) => frames.push(data.toString()));
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    peer = await startTestPeer();
    await dialAndSubscribe(peer, node.multiaddr, [BLOCK_TOPIC]);
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await peer?.stop();
    await node?.app.stop();
    await gateway?.stop();
    await banService?.stop();
    await collector?.stop();
  });

  it('keeps the pipeline moving: the next block reaches a WebSocket client within 5 s', async () => {
    const sampling = setInterval(
      () => void p2pEventsReadiness(node).then((state) => readinessSamples.push(state)),
      250,
    );
    try {
      const pubsub = peer.services.pubsub;
      for (let n = 1; n <= FLOOD; n++)
        await pubsub.publish(BLOCK_TOPIC, announcement(n, FLOOD_URL_BYTES));
      await pubsub.publish(BLOCK_TOPIC, announcement(FLOOD + 1, 30_000));

      const sentAt = Date.now();
      await pubsub.publish(BLOCK_TOPIC, announcement(FLOOD + 2, 20));
      const normal = numberedHash(FLOOD + 2);
      await waitFor('the next normal block on the WebSocket feed', () =>
        frames.some((frame) => frame.includes(normal)),
      );
      const tookMs = Date.now() - sentAt;
      console.log(`next block reached the WebSocket client ${tookMs} ms after it was published`);
      expect(tookMs).toBeLessThan(5000);
    } finally {
      clearInterval(sampling);
    }

    const flooded = new Set(Array.from({ length: FLOOD }, (_, i) => numberedHash(i + 1)));
    await waitFor('every 16 KB announcement on p2p.events', () =>
      [...flooded].every((hash) => collector.events.some((e) => e.event.block?.hash === hash)),
    );
    expect(collector.events.some((e) => e.event.block?.hash === numberedHash(FLOOD + 1))).toBe(
      false,
    );
    // The flood was split over many produce requests, none of them over the topic's limit.
    expect(await node.metric('gossip_node_p2p_events_produce_requests_total')).toBeGreaterThan(
      (FLOOD * FLOOD_URL_BYTES) / TOPIC_MAX_MESSAGE_BYTES,
    );
    expect(await node.metric('gossip_node_p2p_events_dropped_total', 'reason="too_large"')).toBe(1);
    expect(await node.metric('gossip_node_p2p_events_queue_size')).toBe(0);
    expect(node.app.output()).toMatch(
      new RegExp(
        `dropped message \\S+ from ${peer.peerId.toString()}: .*refused its P2PEvent \\(too_large\\)`,
      ),
    );
    await waitFor('the flooding peer to be scored for its oversized message', () =>
      banService.calls.some(
        (call) =>
          call.method === 'addScore' &&
          (call.request as { peer_id: string; reason: string }).peer_id ===
            peer.peerId.toString() &&
          (call.request as { reason: string }).reason === 'protocol_violation',
      ),
    );
    // The pipeline never stood still long enough to be called stuck.
    expect(readinessSamples.length).toBeGreaterThan(0);
    expect(readinessSamples.every((state) => state.ready)).toBe(true);
  }, 60_000);
});
