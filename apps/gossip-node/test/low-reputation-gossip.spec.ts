import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { p2p_api } from '@teranode-p2p/contracts';
import {
  nodeStatusMessageCodec,
  rejectedTxMessageCodec,
  sealPayload,
  subtreeMessageCodec,
} from '@teranode-p2p/gossip';
import { numberedHash, requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { blockGossip, PUBLIC_HUB } from './support/gossip-fixtures.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';
import { startRealBanService, type RealBanService } from './support/real-ban-service.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const TOPICS = {
  block: 'teranode/bitcoin/1.0.0/regtest-block',
  subtree: 'teranode/bitcoin/1.0.0/regtest-subtree',
  nodeStatus: 'teranode/bitcoin/1.0.0/regtest-node_status',
  rejectedTx: 'teranode/bitcoin/1.0.0/regtest-rejected_tx',
};

// Teranode's shouldSkipUnhealthyPeer with the real registry (ban-service on PostgreSQL): once a
// peer's reputation is below 20, its subtree, rejected tx and node_status reach p2p.events marked
// skip_processing (the WebSocket feed still shows them, kafka-bridge forwards nothing of them)
// and its node_status no longer updates the registry; its block goes out as any other.
describe('gossip from a peer below reputation 20', () => {
  let banService: RealBanService;
  let collector: P2pEventCollector;
  let node: NodeProcess;
  let client: p2p_api.PeerServiceClient;
  let sender: Libp2pHost;
  let id: string;

  const rpc = <Res>(method: string, request: object) => unary<object, Res>(client, method, request);
  const registered = async () =>
    (await rpc<p2p_api.GetPeerResponse>('getPeer', { peer_id: id })).peer;
  const metrics = async () => (await fetch(`${node.httpUrl}/metrics`)).text();
  // The registry takes a node_status's fields only with a height (as Teranode).
  const nodeStatus = (clientName: string, baseUrl: string, bestHeight: number) =>
    sealPayload(
      nodeStatusMessageCodec.encode(
        nodeStatusMessageCodec.create({
          type: 'node_status',
          peerId: id,
          clientName,
          baseUrl,
          bestHeight,
        }),
      ),
      { envelope: true, name: 'low' },
    );

  beforeAll(async () => {
    const brokers = await requireKafka();
    banService = await startRealBanService('low-reputation', brokers);
    const events = await collectEvents(brokers);
    collector = events.collector;
    node = await startNodeProcess({
      ...events.env,
      ban_service_grpc_address: banService.address,
      KAFKA_BLOCKS: uniqueName('low-reputation-blocks'),
      p2p_min_peers: '0',
      p2p_private_key: (await newNodeKey()).hex,
      p2p_sync_coordinator_periodic_evaluation_interval: '1s',
    });
    client = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
    sender = await startTestPeer();
    id = sender.peerId.toString();
    await dialAndSubscribe(sender, node.multiaddr, Object.values(TOPICS));
    await sender.services.pubsub.publish(TOPICS.nodeStatus, nodeStatus('before', PUBLIC_HUB, 100));
    await waitFor(
      'the sender registered',
      async () => (await registered())?.client_name === 'before',
      {
        timeoutMs: 10_000,
      },
    );
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await sender?.stop();
    await node?.app.stop();
    await collector?.stop();
    await banService?.stop();
  });

  it('marks its subtree, rejected tx and node_status skip_processing, not its block, and keeps its node_status out of the registry', async () => {
    await rpc('recordCatchupMalicious', { peer_id: id });
    expect((await registered())?.reputation_score).toBe(5);
    await waitFor(
      'the sender known as low-reputation',
      async () => /gossip_node_low_reputation_peers(\{[^}]*\})? 1\n/.test(await metrics()),
      { timeoutMs: 10_000 },
    );
    const bytesBefore = Number((await registered())!.bytes_received);
    const subtree = numberedHash(1);
    const block = numberedHash(2);
    const tx = numberedHash(3);
    const messages = [
      [
        TOPICS.subtree,
        sealPayload(
          subtreeMessageCodec.encode(
            subtreeMessageCodec.create({ hash: subtree, dataHubUrl: PUBLIC_HUB, peerId: id }),
          ),
          { envelope: true, name: 'low' },
        ),
      ],
      [TOPICS.block, blockGossip(sender, { hash: block, height: 7 }, 'low')],
      [
        TOPICS.rejectedTx,
        sealPayload(
          rejectedTxMessageCodec.encode(
            rejectedTxMessageCodec.create({ txId: tx, reason: 'fee', peerId: id }),
          ),
          { envelope: true, name: 'low' },
        ),
      ],
      [TOPICS.nodeStatus, nodeStatus('after', 'https://elsewhere.example/api/v1', 200)],
    ] as const;
    for (const [topic, data] of messages) await sender.services.pubsub.publish(topic, data);

    const fromSender = () => collector.events.filter((e) => e.event.sender_peer_id === id);
    await waitFor("the sender's five events on p2p.events", () => fromSender().length >= 5, {
      timeoutMs: 15_000,
    });
    const [first, ...after] = fromSender();
    expect(first!.event.node_status?.client_name).toBe('before');
    expect(first!.event.skip_processing).toBe(false);
    const skipOf = Object.fromEntries(
      after.map(({ event }) => [
        event.subtree
          ? 'subtree'
          : event.block
            ? 'block'
            : event.rejected_tx
              ? 'rejected_tx'
              : 'node_status',
        event.skip_processing,
      ]),
    );
    expect(skipOf).toEqual({ subtree: true, block: false, rejected_tx: true, node_status: true });
    expect(after.find((e) => e.event.block)?.event.block?.hash).toBe(block);

    // Every message's bytes reach the registry; the skipped node_status's fields do not.
    const sent = messages.reduce((sum, [, data]) => sum + data.byteLength, 0);
    await waitFor(
      "the messages' bytes in the registry",
      async () => Number((await registered())!.bytes_received) >= bytesBefore + sent,
      { timeoutMs: 10_000 },
    );
    expect(await registered()).toMatchObject({
      client_name: 'before',
      data_hub_url: PUBLIC_HUB,
      height: 100,
    });
    const text = await metrics();
    for (const kind of ['subtree', 'rejectedTx', 'nodeStatus'])
      expect(text).toMatch(
        new RegExp(`gossip_node_low_reputation_skips_total\\{kind="${kind}"[^}]*\\} 1\n`),
      );
    expect(text).not.toMatch(/gossip_node_low_reputation_skips_total\{kind="block"/);
  }, 60_000);
});
