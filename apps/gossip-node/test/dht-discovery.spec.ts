import { afterAll, describe, expect, it } from '@jest/globals';
import { requireKafka, waitFor } from '@teranode-p2p/testing';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';

// A is the private DHT's bootstrap peer; B and C only know A, and find each other through the DHT
// (its routing-table queries and the topics' rendezvous provider records).
describe('private DHT discovery', () => {
  const nodes: NodeProcess[] = [];

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.app.stop()));
  });

  it('connects two peers that only share a bootstrap peer', async () => {
    const brokers = await requireKafka();
    const common = {
      KAFKA_BROKERS: brokers.join(','),
      p2p_dht_use_private: 'true',
      p2p_dht_protocol_id: '/teranode-test',
    };
    const a = await startNodeProcess(
      { ...common, p2p_private_key: (await newNodeKey()).hex },
      { address: '127.0.0.13' },
    );
    nodes.push(a);
    for (const address of ['127.0.0.14', '127.0.0.15']) {
      nodes.push(
        await startNodeProcess(
          {
            ...common,
            p2p_private_key: (await newNodeKey()).hex,
            p2p_bootstrap_addresses: a.multiaddr,
          },
          { address },
        ),
      );
    }
    const [, b, c] = nodes as [NodeProcess, NodeProcess, NodeProcess];
    await waitFor(
      'B and C to find each other',
      async () =>
        (await b.metric('gossip_node_connected_peers')) >= 2 &&
        (await c.metric('gossip_node_connected_peers')) >= 2,
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(await a.metric('gossip_node_connected_peers')).toBe(2);
  }, 60_000);

  it('speaks only its own DHT protocol: a node with another p2p_dht_protocol_id finds no one through it', async () => {
    const brokers = await requireKafka();
    const [a] = nodes as [NodeProcess];
    const other = await startNodeProcess(
      {
        KAFKA_BROKERS: brokers.join(','),
        p2p_dht_use_private: 'true',
        p2p_dht_protocol_id: '/another-network',
        p2p_private_key: (await newNodeKey()).hex,
        p2p_bootstrap_addresses: a.multiaddr,
      },
      { address: '127.0.0.20' },
    );
    nodes.push(other);
    // It reaches the bootstrap node itself (a plain dial), but no DHT query answers it, so it
    // never learns of B or C.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect(await other.metric('gossip_node_connected_peers')).toBeLessThanOrEqual(1);
    const [, b, c] = nodes as [NodeProcess, NodeProcess, NodeProcess];
    expect(await b.metric('gossip_node_connected_peers')).toBe(2);
    expect(await c.metric('gossip_node_connected_peers')).toBe(2);
  }, 60_000);
});
