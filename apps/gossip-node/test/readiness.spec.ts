import { credentials } from '@grpc/grpc-js';
import { multiaddr } from '@multiformats/multiaddr';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { grpc_health } from '@teranode-p2p/contracts';
import { freePort, requireKafka, waitFor, type SpawnedApp } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { startBlockchainSimulator } from './support/blockchain-simulator.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { readiness } from './support/readiness.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';
import { startTestPeer } from './support/test-peer.js';

function grpcServingStatus(node: NodeProcess): Promise<number> {
  const client = new grpc_health.HealthClient(node.grpcAddress, credentials.createInsecure());
  return new Promise<number>((resolve, reject) =>
    client.check({ service: '' }, (error, response) =>
      error ? reject(error) : resolve(response.status),
    ),
  ).finally(() => client.close());
}

// A real gossip-node process with every other dependency up (real broker, the blockchain
// simulator, a gRPC ban-service): readiness then depends on its libp2p peers alone.
describe('gossip-node readiness and p2p_min_peers', () => {
  let collector: P2pEventCollector;
  let banService: BanServiceDouble;
  let simulator: SpawnedApp;
  let common: Record<string, string>;
  const peers: Libp2pHost[] = [];
  const nodes: NodeProcess[] = [];

  beforeAll(async () => {
    const brokers = await requireKafka();
    const events = await collectEvents(brokers);
    collector = events.collector;
    banService = await startBanServiceDouble();
    const simulatorPort = await freePort();
    simulator = await startBlockchainSimulator(simulatorPort);
    common = {
      ...events.env,
      ban_service_grpc_address: banService.address,
      blockchain_grpc_address: `127.0.0.1:${simulatorPort}`,
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.stop()));
    await Promise.all(nodes.map((node) => node.app.stop()));
    await simulator?.stop();
    await banService?.stop();
    await collector?.stop();
  });

  it('is 503 naming libp2p with the peer count and the minimum until enough peers are connected', async () => {
    const node = await startNodeProcess(
      { ...common, p2p_private_key: (await newNodeKey()).hex, p2p_min_peers: '2' },
      { address: '127.0.0.31' },
    );
    nodes.push(node);
    const alone = await readiness(node);
    expect(alone.status).toBe(503);
    expect(Object.keys(alone.error)).toEqual(['libp2p']);
    expect(alone.error['libp2p']).toMatchObject({
      status: 'down',
      message: '0 connected peers, fewer than p2p_min_peers (2)',
      peers: 0,
      minPeers: 2,
      peerId: node.peerId,
    });
    expect(Object.keys(alone.info).sort()).toEqual([
      'ban-service',
      'blockchain',
      'kafka',
      'p2p-events',
    ]);
    // Its gRPC API works with any number of peers: callers such as kafka-bridge stay ready.
    expect(await grpcServingStatus(node)).toBe(
      grpc_health.HealthCheckResponse_ServingStatus.SERVING,
    );

    for (const address of ['127.0.0.32', '127.0.0.33']) {
      const peer = await startTestPeer({ address });
      peers.push(peer);
      await peer.dial(multiaddr(node.multiaddr));
      if (peers.length === 1) {
        const one = await waitFor('one peer in readiness', async () => {
          const r = await readiness(node);
          return r.error['libp2p']?.['peers'] === 1 ? r : undefined;
        });
        expect(one.status).toBe(503);
        expect(one.error['libp2p']).toMatchObject({ peers: 1, minPeers: 2 });
      }
    }
    const ready = await waitFor('readiness with two peers', async () => {
      const r = await readiness(node);
      return r.status === 200 ? r : undefined;
    });
    expect(ready.info['libp2p']).toMatchObject({ status: 'up', peers: 2, minPeers: 2 });

    await peers.pop()!.stop();
    const again = await waitFor('503 once a peer has gone', async () => {
      const r = await readiness(node);
      return r.status === 503 ? r : undefined;
    });
    expect(again.error['libp2p']).toMatchObject({ peers: 1, minPeers: 2 });
  }, 60_000);

  it('a lone node with p2p_min_peers=0 is ready without any peer', async () => {
    const node = await startNodeProcess(
      { ...common, p2p_private_key: (await newNodeKey()).hex, p2p_min_peers: '0' },
      { address: '127.0.0.34' },
    );
    nodes.push(node);
    const lone = await readiness(node);
    expect(lone.status).toBe(200);
    expect(lone.info['libp2p']).toMatchObject({ status: 'up', peers: 0, minPeers: 0 });
  }, 30_000);
});
