import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gossip_node } from '@teranode-p2p/contracts';
import { freePort, requireKafka } from '@teranode-p2p/testing';
import { buildGoPeer, goAvailable, GoPeer } from './support/go-peer.js';
import {
  newNodeKey,
  startNodeProcess,
  waitForPeers,
  type NodeProcess,
} from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import {
  blockRequest,
  deliveriesOfOneBlock,
  goPublisher,
  ourPublisher,
  REGTEST,
} from './support/interop.js';
import { expectOurNodeStatus, OWN_STATUS_SETTINGS } from './support/node-status-fixture.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';

const describeWithGo = goAvailable() ? describe : describe.skip;

// Teranode v0.11 on the wire: a Go peer built on go-p2p-message-bus v0.0.7 (envelope,
// node_status topic, no shared key, public DHT protocol) and our node on the same settings. The
// Go peer speaks node_status in today's shape (message_types.go at Teranode ad41218): the
// message shapes moved on while the envelope stayed.
describeWithGo('interop with Teranode v0.11 (go-p2p-message-bus v0.0.7)', () => {
  let collector: P2pEventCollector;
  let go: GoPeer;
  let a: NodeProcess;
  let b: NodeProcess;
  let gossipA: gossip_node.GossipNodeClient;

  beforeAll(async () => {
    const brokers = await requireKafka();
    const binary = await buildGoPeer();
    let common: Record<string, string>;
    ({ collector, env: common } = await collectEvents(brokers));
    const goKey = await newNodeKey();
    go = await GoPeer.start(binary, [
      ...['-profile', 'bus', '-key', goKey.hex, '-network', 'regtest', '-name', 'teranode-go'],
      ...['-port', String(await freePort())],
    ]);
    expect(go.peerId).toBe(goKey.peerId);
    // A: 96-byte key form (seed ‖ pub ‖ pub, what Teranode's generator writes).
    const keyA = await newNodeKey();
    a = await startNodeProcess({
      ...common,
      ...OWN_STATUS_SETTINGS,
      clientName: 'ts-a',
      p2p_private_key: keyA.hex + keyA.hex.slice(64),
      p2p_static_peers: go.multiaddr,
    });
    expect(a.peerId).toBe(keyA.peerId);
    b = await startNodeProcess({
      ...common,
      clientName: 'ts-b',
      p2p_static_peers: `${go.multiaddr}|${a.multiaddr}`,
    });
    await waitForPeers(a, 2, 30_000);
    await waitForPeers(b, 2, 30_000);
    gossipA = new gossip_node.GossipNodeClient(a.grpcAddress, insecure());
  }, 600_000);

  afterAll(async () => {
    gossipA?.close();
    await Promise.all([a?.app.stop(), b?.app.stop(), go?.stop()]);
    await collector?.stop();
  });

  it('Go publishes block, subtree, node_status and rejected_tx → our node decodes every field into a P2PEvent', async () => {
    const header = '01000000' + '00'.repeat(72) + 'ffff001d';
    const fromGo = goPublisher(go, collector, a.peerId);
    const block = await fromGo.block({
      Height: 812_345,
      DataHubURL: 'https://go.example/api/v1',
      PeerID: go.peerId,
      Header: header,
      Coinbase: '',
    });
    expect(block.key).toBe(block.event.block!.hash);
    expect(block.event).toMatchObject({
      sender_peer_id: go.peerId,
      receiver_peer_id: a.peerId,
      topic: `${REGTEST}-block`,
      block: {
        height: 812_345,
        data_hub_url: 'https://go.example/api/v1',
        peer_id: go.peerId,
        header,
        coinbase: '',
      },
    });

    const subtree = await fromGo.subtree('https://go.example/api/v1');
    expect(subtree.event).toMatchObject({
      sender_peer_id: go.peerId,
      topic: `${REGTEST}-subtree`,
      subtree: { data_hub_url: 'https://go.example/api/v1', peer_id: go.peerId },
    });

    const rejected = await fromGo.rejectedTx('invalid_script');
    expect(rejected.event).toMatchObject({
      sender_peer_id: go.peerId,
      topic: `${REGTEST}-rejected_tx`,
      rejected_tx: { reason: 'invalid_script', peer_id: go.peerId },
    });

    await fromGo.nodeStatus('current');
  }, 120_000);

  it('our node publishes block, subtree and rejected_tx → the Go peer decodes every field, sender named in the envelope', async () => {
    const fromA = ourPublisher(go, (request) => unary(gossipA, 'publish', request));
    const header = '02000000' + 'ab'.repeat(76);
    const block = await fromA.block({
      height: 99,
      data_hub_url: 'http://ts-a.example',
      peer_id: '',
      header,
      coinbase: 'c0ffee',
    });
    expect(block).toMatchObject({ from: 'ts-a', fromId: a.peerId, topic: `${REGTEST}-block` });
    expect(block['payload']).toEqual({
      Hash: (block['payload'] as { Hash: string }).Hash,
      Height: 99,
      DataHubURL: 'http://ts-a.example',
      PeerID: a.peerId,
      Header: header,
      Coinbase: 'c0ffee',
    });

    const subtree = await fromA.subtree('http://ts-a.example');
    expect(subtree['payload']).toEqual({
      Hash: (subtree['payload'] as { Hash: string }).Hash,
      DataHubURL: 'http://ts-a.example',
      PeerID: a.peerId,
    });

    const rejected = await fromA.rejectedTx('double spend');
    expect(rejected['payload']).toEqual({
      TxID: (rejected['payload'] as { TxID: string }).TxID,
      Reason: 'double spend',
      PeerID: a.peerId,
    });
  }, 120_000);

  it("our node_status reaches the Go peer in today's shape, every field Teranode reads decoded", async () => {
    // A status published once A had a peer (one sent with none counts 0 and leaves the count out).
    const status = await go.next(
      'message',
      (e) =>
        e['kind'] === 'node_status' &&
        e['fromId'] === a.peerId &&
        (e['payload'] as { connected_peers_count?: number }).connected_peers_count !== undefined,
      25_000,
    );
    const own = await unary<object, { peer_id: string; client_name: string; version: string }>(
      gossipA,
      'getNodeStatus',
      {},
    );
    expect(status['from']).toBe('ts-a');
    expect(status['decodeError']).toBeUndefined();
    expect(String(status['data'])).toMatch(/^\{"peer_id":"12D3KooW/);
    expectOurNodeStatus(
      status,
      { peerId: a.peerId, clientName: 'ts-a', version: own.version },
      'current',
    );
  }, 40_000);

  it('a message re-gossiped by the Go peer is delivered once: A, B and the Go peer in a triangle', async () => {
    const deliveries = await deliveriesOfOneBlock(
      collector,
      go,
      (hash) => unary(gossipA, 'publish', blockRequest(hash, 1)),
      { publisher: a.peerId, receiver: b.peerId },
    );
    expect(deliveries).toEqual({ publisher: 0, receiver: 1, go: 1 });
  }, 90_000);
});
