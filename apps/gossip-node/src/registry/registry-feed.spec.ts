import { status } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { GrpcCallError } from '@teranode-p2p/service-runtime';
import { Registry } from 'prom-client';
import type { InboundGossip } from '../gossip/inbound-gossip.js';
import type { Libp2pHost } from '../host/host.module.js';
import type { RegistryClient } from './registry-client.js';
import { RegistryFeed } from './registry-feed.js';

const PEER = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';

function feedAnswering(error: Error) {
  const metrics = new Registry();
  const registry = {
    address: '127.0.0.1:1',
    applyGossip: () => Promise.reject(error),
  } as unknown as RegistryClient;
  const feed = new RegistryFeed({} as Libp2pHost, {} as InboundGossip, registry, metrics);
  feed.observations.seen({ peerId: PEER, bytes: 10, atMs: 1 });
  const flushes = async (outcome: string) =>
    (await metrics.getSingleMetric('gossip_node_registry_flushes_total')!.get()).values.find(
      (v) => v.labels.outcome === outcome,
    )?.value ?? 0;
  return { feed, flushes };
}

describe('RegistryFeed', () => {
  it('keeps a batch the registry could not take now, for the next try', async () => {
    const { feed, flushes } = feedAnswering(
      new GrpcCallError('registry', status.UNAVAILABLE, 'down'),
    );
    await feed.flush();
    expect(feed.observations.size).toBe(1);
    expect(await flushes('failed')).toBe(1);
  });

  it('drops a batch the registry refused, which would be refused again and hold later ones', async () => {
    const { feed, flushes } = feedAnswering(
      new GrpcCallError('registry', status.INVALID_ARGUMENT, 'a value the store cannot hold'),
    );
    await feed.flush();
    expect(feed.observations.size).toBe(0);
    expect(await flushes('refused')).toBe(1);
    expect(await flushes('failed')).toBe(0);
  });
});
