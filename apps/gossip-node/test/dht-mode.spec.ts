import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PeerId } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { gossipTopicName } from '@teranode-p2p/config';
import { requireKafka, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { startTestPeer } from './support/test-peer.js';

const KAD = '/teranode/kad/1.0.0';
const NODE_STATUS_TOPIC = gossipTopicName('mainnet', 'node_status');

// Each gossip-node process knows only `server`, an in-process peer running a server-mode private
// DHT, and is looked at from there (which protocols it handles, whether a DHT query stream is
// accepted) and through its peer count (whom its own DHT queries led it to).
describe('p2p_dht_mode and listen_mode silent', () => {
  let server: Libp2pHost;
  let common: Record<string, string>;
  const nodes: NodeProcess[] = [];
  /** The authors of the node_status messages the server received. */
  const statusAuthors: string[] = [];

  beforeAll(async () => {
    const brokers = await requireKafka();
    server = await startTestPeer({ address: '127.0.0.80' });
    server.services.pubsub.subscribe(NODE_STATUS_TOPIC);
    server.services.pubsub.addEventListener('message', (event) => {
      if (event.detail.topic === NODE_STATUS_TOPIC && event.detail.type === 'signed')
        statusAuthors.push(event.detail.from.toString());
    });
    common = {
      KAFKA_BROKERS: brokers.join(','),
      p2p_dht_use_private: 'true',
      p2p_dht_protocol_id: '/teranode',
      p2p_bootstrap_addresses: server.getMultiaddrs()[0]!.toString(),
    };
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.app.stop()));
    await server?.stop();
  });

  async function start(address: string, env: Record<string, string>): Promise<PeerId> {
    const node = await startNodeProcess(
      { ...common, p2p_private_key: (await newNodeKey()).hex, ...env },
      { address },
    );
    nodes.push(node);
    return peerIdFromString(node.peerId);
  }

  /** The protocols the node told the server it handles (identify). */
  function protocolsOf(peer: PeerId): Promise<string[]> {
    return waitFor(`identify of ${peer.toString()}`, async () => {
      const known = await server.peerStore.get(peer).catch(() => undefined);
      return known !== undefined && known.protocols.includes('/meshsub/1.1.0')
        ? known.protocols
        : undefined;
    });
  }

  it('server (the default) answers DHT queries', async () => {
    const node = await start('127.0.0.81', {});
    expect(await protocolsOf(node)).toContain(KAD);
    const stream = await server.dialProtocol(node, KAD);
    await stream.close();
  }, 30_000);

  it('client answers no DHT query, but queries: it finds the server-mode node through the server', async () => {
    const node = await start('127.0.0.82', { p2p_dht_mode: 'client' });
    expect((await protocolsOf(node)).filter((p) => p.includes('/kad/'))).toEqual([]);
    await expect(server.dialProtocol(node, KAD)).rejects.toThrow();
    await waitFor(
      'the client to reach the server-mode node',
      async () => (await nodes[1]!.metric('gossip_node_connected_peers')) >= 2,
      { timeoutMs: 20_000 },
    );
  }, 40_000);

  it('off runs no DHT: it handles no DHT protocol and finds no peer beyond its bootstrap peer', async () => {
    const node = await start('127.0.0.83', { p2p_dht_mode: 'off' });
    expect((await protocolsOf(node)).filter((p) => p.includes('/kad/'))).toEqual([]);
    await expect(server.dialProtocol(node, KAD)).rejects.toThrow();
    // A client found the server-mode node within seconds; this one only has its bootstrap peer.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await nodes[2]!.metric('gossip_node_connected_peers')).toBe(1);
  }, 30_000);

  it('listen_mode silent runs no DHT whatever p2p_dht_mode says, announces no address and publishes no node_status', async () => {
    const node = await start('127.0.0.84', { listen_mode: 'silent', p2p_dht_mode: 'server' });
    expect((await protocolsOf(node)).filter((p) => p.includes('/kad/'))).toEqual([]);
    expect((await server.peerStore.get(node)).addresses).toEqual([]);
    await waitFor('the node to join the node_status topic', () =>
      server.services.pubsub
        .getSubscribers(NODE_STATUS_TOPIC)
        .some((subscriber) => subscriber.equals(node)),
    );
    // A node announces node_status at start and every 10 s.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(statusAuthors).not.toContain(node.toString());
    // The nodes started before it, in full mode, were heard meanwhile.
    expect(statusAuthors).toContain(nodes[0]!.peerId);
  }, 40_000);
});
