import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gossipTopicName } from '@teranode-p2p/config';
import { freePort, requireKafka, waitFor } from '@teranode-p2p/testing';
import { buildGoTool, goAvailable, GoPeer } from './support/go-peer.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';

const NODE_STATUS_TOPIC = gossipTopicName('mainnet', 'node_status');
const describeWithGo = goAvailable() ? describe : describe.skip;

// Today's Teranode runs p2p_dht_mode=off (its settings.conf) and finds the peers whose gossip it
// hears through others with go-p2p-message-bus's peer address exchange
// (/p2p-msg-bus/peer-addr-request/1.0.0, v0.1.6 on; Teranode pins v0.1.17, the Go module proxy
// serves v0.1.22 of that line). Each direction: a node without a DHT, one peer in the middle,
// and a far node whose node_status reaches it only through that peer.
describeWithGo('peer address exchange with Teranode 2026 (go-p2p-message-bus v0.1.22)', () => {
  let binary: string;
  let brokers: string[];
  const nodes: NodeProcess[] = [];
  const goPeers: GoPeer[] = [];

  beforeAll(async () => {
    brokers = await requireKafka();
    binary = await buildGoTool('interop-msgbus');
  }, 600_000);

  afterAll(async () => {
    await Promise.all(goPeers.map((peer) => peer.stop()));
    await Promise.all(nodes.map((node) => node.app.stop()));
  });

  async function startNode(address: string, env: Record<string, string>): Promise<NodeProcess> {
    const node = await startNodeProcess(
      {
        KAFKA_BROKERS: brokers.join(','),
        p2p_private_key: (await newNodeKey()).hex,
        p2p_min_peers: '0',
        // node_status names a DataHub on localhost: the nodes here must relay it.
        p2p_allow_private_ips: 'true',
        // As today's Teranode (settings.conf): no DHT, so nothing else finds the far node.
        p2p_dht_mode: 'off',
        ...env,
      },
      { address },
    );
    nodes.push(node);
    return node;
  }

  async function startGo(bootstrap: string): Promise<{ peer: GoPeer; multiaddr: string }> {
    const port = await freePort();
    const peer = await GoPeer.start(
      binary,
      [
        '-port',
        String(port),
        '-topic',
        NODE_STATUS_TOPIC,
        '-bootstrap',
        bootstrap,
        '-seconds',
        '120',
      ],
      [],
    );
    goPeers.push(peer);
    return { peer, multiaddr: `/ip4/127.0.0.1/tcp/${port}/p2p/${peer.peerId}` };
  }

  it('a Go node without a DHT learns the far node from ours and connects to it', async () => {
    const hub = await startNode('127.0.0.100', {});
    const far = await startNode('127.0.0.101', { p2p_static_peers: hub.multiaddr });
    const { peer: go } = await startGo(hub.multiaddr);
    // Its discovery round comes every 15 s; ours publishes node_status every 10 s.
    await go.next('peers', (e) => (e['peers'] as string[]).includes(far.peerId), 60_000);
    expect(
      await hub.metric('gossip_node_peer_address_requests_answered_total', 'outcome="known"'),
    ).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('our nodes without a DHT, each heard only through a Go node, learn each other from it and connect', async () => {
    const far = await startNode('127.0.0.102', {});
    const { multiaddr: goHub } = await startGo(far.multiaddr);
    const near = await startNode('127.0.0.103', { p2p_static_peers: goHub });
    // Each hears the other's node_status through the Go node; whichever round comes first asks
    // the Go node for the other's addresses and dials.
    const dialled = async () =>
      (await near.metric('gossip_node_topic_peer_lookups_total', 'outcome="dialled"')) +
      (await far.metric('gossip_node_topic_peer_lookups_total', 'outcome="dialled"'));
    await waitFor(
      'one of our nodes to dial the other',
      async () => ((await dialled()) >= 1 ? true : undefined),
      { timeoutMs: 60_000 },
    );
    expect(near.app.output() + far.app.output()).toMatch(
      new RegExp(`connected to topic peer (${far.peerId}|${near.peerId})`),
    );
    expect(await near.metric('gossip_node_connected_peers')).toBe(2);
  }, 90_000);
});
