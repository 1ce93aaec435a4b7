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
});
