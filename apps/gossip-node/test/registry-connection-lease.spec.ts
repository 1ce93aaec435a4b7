import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { peer_registry } from '@teranode-p2p/contracts';
import { publishNodeStatus, requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { startRealBanService, type RealBanService } from './support/real-ban-service.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const NODE_STATUS = 'teranode/bitcoin/1.0.0/regtest-node_status';
const LEASE_MS = 3000;

// Who counts as connected in the registry ban-service shares, when nobody says goodbye: a real
// gossip-node process feeding a real ban-service, real libp2p peers, one of them heard only
// through the other; then the node is killed (SIGKILL), so it never reports a disconnection.
describe('connection leases in the shared peer registry', () => {
  let banService: RealBanService;
  let node: NodeProcess;
  let registry: peer_registry.PeerRegistryClient;
  let direct: Libp2pHost;
  let relayed: Libp2pHost;

  const connected = async () =>
    (
      await unary<object, peer_registry.ListResponse>(
        registry,
        'list',
        peer_registry.ListRequest.fromPartial({ connected_only: true }),
      )
    ).peers
      .map((peer) => peer.id)
      .sort();
  const ids = (...hosts: Libp2pHost[]) => hosts.map((host) => host.peerId.toString()).sort();

  beforeAll(async () => {
    const brokers = await requireKafka();
    banService = await startRealBanService('leases', brokers);
    registry = new peer_registry.PeerRegistryClient(banService.address, insecure());
    node = await startNodeProcess({
      network: 'regtest',
      ban_service_grpc_address: banService.address,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_P2P_EVENTS: uniqueName('lease-p2p-events'),
      p2p_min_peers: '0',
      p2p_peer_registry_connection_lease: `${LEASE_MS}ms`,
    });
    direct = await startTestPeer();
    relayed = await startTestPeer();
    await dialAndSubscribe(direct, node.multiaddr, [NODE_STATUS]);
    await dialAndSubscribe(relayed, direct.getMultiaddrs()[0]!.toString(), [NODE_STATUS]);
  }, 90_000);

  afterAll(async () => {
    registry?.close();
    await relayed?.stop();
    await direct?.stop();
    await node?.app.stop();
    await banService?.stop();
  });

  it('holds a quiet direct peer while the node runs, lets a silent relayed author go, and every peer once the node is killed', async () => {
    for (const host of [direct, relayed])
      await publishNodeStatus(host, NODE_STATUS, { bestHeight: 10, clientName: 'quiet' });
    await waitFor(
      'both authors connected',
      async () => (await connected()).join() === ids(direct, relayed).join(),
      { timeoutMs: 10_000 },
    );

    // Nobody publishes from here on. The node renews the connection it holds; the author it
    // only heard through that peer runs out.
    await waitFor(
      'the relayed author no longer connected',
      async () => (await connected()).join() === ids(direct).join(),
      { timeoutMs: LEASE_MS + 5000 },
    );
    await new Promise((r) => setTimeout(r, 2 * LEASE_MS));
    expect(await connected()).toEqual(ids(direct));

    await node.app.stop('SIGKILL');
    const killedAt = Date.now();
    await waitFor('no peer connected', async () => (await connected()).length === 0, {
      timeoutMs: LEASE_MS + 5000,
    });
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + 3000);
    // Still in the registry: only the connection ran out, not what the node learnt.
    const all = await unary<object, peer_registry.ListResponse>(
      registry,
      'list',
      peer_registry.ListRequest.fromPartial({}),
    );
    expect(all.peers.map((peer) => peer.id).sort()).toEqual(ids(direct, relayed));
  }, 60_000);
});
