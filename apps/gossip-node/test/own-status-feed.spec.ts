import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor, type SpawnedApp } from '@teranode-p2p/testing';
import { connectFeed, startFeedGateway, type FeedClient } from './support/feed-gateway.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';

// Node A and a ws-gateway process share one p2p.events topic on the real broker; Teranode
// greets a new WebSocket client with its own node's status first, peers or not (§5).
describe("the node's own node_status on the WebSocket feed", () => {
  let collector: P2pEventCollector;
  let gateway: SpawnedApp;
  let feedUrl: string;
  let watcher: FeedClient;
  let a: NodeProcess;
  let b: NodeProcess | undefined;
  const statusesOf = (node: NodeProcess) =>
    watcher.frames.filter((f) => f.type === 'node_status' && f.peer_id === node.peerId);

  beforeAll(async () => {
    const brokers = await requireKafka();
    let env: Record<string, string>;
    ({ collector, env } = await collectEvents(brokers));
    ({ app: gateway, url: feedUrl } = await startFeedGateway(env));
    watcher = await connectFeed(feedUrl);
    a = await startNodeProcess({
      ...env,
      clientName: 'alpha',
      p2p_private_key: (await newNodeKey()).hex,
      p2p_min_peers: '0',
      asset_httpPublicAddress: 'https://alpha.example/api/v1',
      blockchain_grpc_address: '127.0.0.1:1',
    });
  }, 60_000);

  afterAll(async () => {
    watcher?.close();
    await Promise.all([a?.app.stop(), b?.app.stop(), gateway?.stop('SIGTERM')]);
    await collector?.stop();
  });

  it('puts each node_status the node announces on the bus, from the node to itself', async () => {
    const own = await waitFor(
      "A's own node_status on p2p.events",
      () =>
        collector.events.find((e) => e.event.node_status && e.event.sender_peer_id === a.peerId),
      { timeoutMs: 15_000 },
    );
    expect(own.key).toBe(a.peerId);
    expect(own.event).toMatchObject({
      receiver_peer_id: a.peerId,
      topic: 'teranode/bitcoin/1.0.0/regtest-node_status',
      node_status: {
        peer_id: a.peerId,
        client_name: 'alpha',
        base_url: 'https://alpha.example/api/v1',
      },
    });
  }, 30_000);

  it('greets a new client of a node without peers with its own node_status first', async () => {
    expect(await a.metric('gossip_node_connected_peers')).toBe(0);
    // Live on the feed, at the latest 10 s later (the gateway shows what arrives after it started).
    await waitFor("A's node_status live on the feed", () => statusesOf(a).length > 0, {
      timeoutMs: 25_000,
    });
    const client = await connectFeed(feedUrl);
    await waitFor('the greeting', () => client.frames.length > 0);
    client.close();
    expect(client.frames[0]).toMatchObject({
      type: 'node_status',
      peer_id: a.peerId,
      base_url: 'https://alpha.example/api/v1',
      client_name: 'alpha',
    });
  }, 40_000);

  it("still greets with the node's own status first once a peer's status is known", async () => {
    // B sends its events elsewhere: the feed knows B only from A, as a peer.
    b = await startNodeProcess({
      network: 'regtest',
      KAFKA_BROKERS: (await requireKafka()).join(','),
      KAFKA_P2P_EVENTS: uniqueName('other-events'),
      clientName: 'beta',
      asset_httpPublicAddress: 'https://beta.example/api/v1', // A rejects a localhost base_url
      p2p_private_key: (await newNodeKey()).hex,
      p2p_static_peers: a.multiaddr,
      blockchain_grpc_address: '127.0.0.1:1',
    });
    const peer = b;
    await waitFor(
      "B's node_status, received by A, on the feed",
      () => statusesOf(peer).length > 0,
      {
        timeoutMs: 25_000,
      },
    );
    const client = await connectFeed(feedUrl);
    await waitFor('the greeting of two nodes', () => client.frames.length >= 2);
    client.close();
    expect(client.frames.slice(0, 2).map((f) => [f.type, f.peer_id])).toEqual([
      ['node_status', a.peerId],
      ['node_status', peer.peerId],
    ]);
  }, 60_000);
});
