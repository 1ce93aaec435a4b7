import { status } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { peer_registry } from '@teranode-p2p/contracts';
import { GrpcCallError } from '@teranode-p2p/service-runtime';
import { Registry } from 'prom-client';
import type { InboundGossip } from '../gossip/inbound-gossip.js';
import type { Libp2pHost } from '../host/host.module.js';
import type { RegistryClient } from './registry-client.js';
import { REGISTRY_BATCH_MAX_PEERS, RegistryFeed } from './registry-feed.js';

const { Connection } = peer_registry;
const PEER = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';

const LEASE_MS = 30_000;

const NODE = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
const host = (held: string[] = []) =>
  ({
    peerId: { toString: () => NODE },
    getPeers: () => held.map((id) => ({ toString: () => id })),
  }) as unknown as Libp2pHost;

function feedAnswering(
  answer: (batch: peer_registry.GossipBatch) => Promise<unknown>,
  libp2p = host(),
) {
  const metrics = new Registry();
  const registry = { address: '127.0.0.1:1', applyGossip: answer } as unknown as RegistryClient;
  const feed = new RegistryFeed(libp2p, {} as InboundGossip, registry, metrics, {
    p2p_peer_registry_connection_lease: LEASE_MS,
  });
  const flushes = async (outcome: string) =>
    (await metrics.getSingleMetric('gossip_node_registry_flushes_total')!.get()).values.find(
      (v) => v.labels.outcome === outcome,
    )?.value ?? 0;
  const sightings = (count: number) => {
    for (let i = 0; i < count; i++)
      feed.observations.seen({ peerId: `${PEER}${i}`, bytes: 1, atMs: i });
  };
  return { feed, flushes, sightings };
}

describe('RegistryFeed', () => {
  it('confirms the connections it holds, as this node, with the lease they hold for, and only those', async () => {
    const batches: peer_registry.GossipBatch[] = [];
    const { feed, sightings } = feedAnswering(
      async (batch) => {
        batches.push(batch);
        return { applied: batch.observations.length };
      },
      host([`${PEER}1`, `${PEER}2`]),
    );
    sightings(1);
    feed.renewConnections();
    await feed.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.connected_for_ms).toBe(LEASE_MS);
    expect(batches[0]!.reporter).toBe(NODE);
    const connections = Object.fromEntries(
      batches[0]!.observations.map((seen) => [seen.peer_id, seen.connection]),
    );
    expect(connections).toEqual({
      [`${PEER}0`]: Connection.UNCHANGED,
      [`${PEER}1`]: Connection.CONNECTED,
      [`${PEER}2`]: Connection.CONNECTED,
    });
  });

  it('keeps a batch the registry could not take now, for the next try', async () => {
    const { feed, flushes, sightings } = feedAnswering(() =>
      Promise.reject(new GrpcCallError('registry', status.UNAVAILABLE, 'down')),
    );
    sightings(1);
    await feed.flush();
    expect(feed.observations.size).toBe(1);
    expect(await flushes('failed')).toBe(1);
  });

  it('drops a batch the registry refused, which would be refused again and hold later ones', async () => {
    const { feed, flushes, sightings } = feedAnswering(() =>
      Promise.reject(
        new GrpcCallError('registry', status.INVALID_ARGUMENT, 'a value the store cannot hold'),
      ),
    );
    sightings(1);
    await feed.flush();
    expect(feed.observations.size).toBe(0);
    expect(await flushes('refused')).toBe(1);
    expect(await flushes('failed')).toBe(0);
  });

  it('sends a backlog in batches ban-service takes; a refused one does not hold the rest', async () => {
    const sizes: number[] = [];
    const { feed, flushes, sightings } = feedAnswering((batch) => {
      sizes.push(batch.observations.length);
      return sizes.length === 2
        ? Promise.reject(new GrpcCallError('registry', status.INVALID_ARGUMENT, 'refused'))
        : Promise.resolve({ applied: batch.observations.length });
    });
    sightings(2_500);
    await feed.flush();
    expect(sizes).toEqual([REGISTRY_BATCH_MAX_PEERS, REGISTRY_BATCH_MAX_PEERS, 500]);
    expect(feed.observations.size).toBe(0);
    expect([await flushes('applied'), await flushes('refused')]).toEqual([2, 1]);
  });

  it('keeps the batches after one the registry could not take now, for the next flush', async () => {
    let calls = 0;
    const { feed, sightings } = feedAnswering(() =>
      ++calls === 2
        ? Promise.reject(new GrpcCallError('registry', status.UNAVAILABLE, 'down'))
        : Promise.resolve({ applied: 1 }),
    );
    sightings(2_500);
    await feed.flush();
    expect(calls).toBe(2);
    expect(feed.observations.size).toBe(1_500);
  });
});
