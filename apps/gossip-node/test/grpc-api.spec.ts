import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status, type ServiceError } from '@grpc/grpc-js';
import { Empty, gossip_node, p2p_api } from '@teranode-p2p/contracts';
import { freePort, requireKafka, waitFor } from '@teranode-p2p/testing';
import { startBanServiceDouble } from './support/ban-service-double.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';

const API_KEY = 'test-admin-key';
const TX = '00000000000000000000000000000000000000000000000000000000000000aa';

describe('gossip-node gRPC APIs', () => {
  let banService: Awaited<ReturnType<typeof startBanServiceDouble>>;
  let collector: P2pEventCollector;
  let a: NodeProcess;
  let b: NodeProcess;
  let peersOfA: p2p_api.PeerServiceClient;
  let peersOfB: p2p_api.PeerServiceClient;
  let nodeA: gossip_node.GossipNodeClient;

  beforeAll(async () => {
    const brokers = await requireKafka();
    banService = await startBanServiceDouble();
    const events = await collectEvents(brokers);
    collector = events.collector;
    const common = {
      ...events.env,
      grpc_admin_api_key: API_KEY,
      ban_service_grpc_address: `127.0.0.1:${banService.port}`,
      // Two nodes: readiness must not wait for the default five peers.
      p2p_min_peers: '0',
      // A local pair: each announces asset_httpAddress's default, a localhost URL.
      p2p_allow_private_ips: 'true',
    };
    a = await startNodeProcess(
      { ...common, clientName: 'alpha', p2p_private_key: (await newNodeKey()).hex },
      { address: '127.0.0.7' },
    );
    b = await startNodeProcess(
      { ...common, clientName: 'beta', p2p_private_key: (await newNodeKey()).hex },
      { address: '127.0.0.8' },
    );
    peersOfA = new p2p_api.PeerServiceClient(a.grpcAddress, insecure());
    peersOfB = new p2p_api.PeerServiceClient(b.grpcAddress, insecure());
    nodeA = new gossip_node.GossipNodeClient(a.grpcAddress, insecure());
  }, 60_000);

  afterAll(async () => {
    peersOfA?.close();
    peersOfB?.close();
    nodeA?.close();
    await Promise.all([a?.app.stop(), b?.app.stop()]);
    await collector?.stop();
    await banService?.stop();
  });

  const getPeers = (client: p2p_api.PeerServiceClient) =>
    unary<Empty, p2p_api.GetPeersResponse>(client, 'getPeers', {}).then((r) => r.peers);

  it('connects, lists and disconnects peers, with every field we know', async () => {
    const events: gossip_node.PeerEvent[] = [];
    const watch = nodeA.watchPeers({});
    watch.on('data', (event: gossip_node.PeerEvent) => events.push(event));
    watch.on('error', () => undefined);
    try {
      expect(await getPeers(peersOfA)).toEqual([]);
      await expect(
        unary(peersOfA, 'connectPeer', { peer_address: b.multiaddr }),
      ).rejects.toMatchObject({
        code: status.UNAUTHENTICATED,
      });
      expect(await unary(peersOfA, 'connectPeer', { peer_address: b.multiaddr }, API_KEY)).toEqual({
        success: true,
        error: '',
      });
      const [peer] = await getPeers(peersOfA);
      expect(peer).toMatchObject({
        id: b.peerId,
        addr: `/ip4/127.0.0.8/tcp/${b.port}`,
        inbound: false,
      });
      expect(peer!.addrLocal).toContain('/ip4/127.0.0.7/tcp/');
      expect(peer!.banscore).toBe(42); // from ban-service
      expect(Math.abs(Number(peer!.connTime) - Date.now() / 1000)).toBeLessThan(30);
      await waitFor(
        'B to list A as inbound',
        async () => (await getPeers(peersOfB))[0]?.inbound === true,
      );
      // node_status every 10 s: B learns A's name from it (the first one went out before they met)
      await waitFor(
        'B to learn about A from its node_status',
        async () => (await getPeers(peersOfB))[0]?.subVer === 'alpha',
        { timeoutMs: 15_000 },
      );
      // Bytes on the wire both ways (identify, gossipsub, node_status), and when they moved.
      const [seenByB] = await getPeers(peersOfB);
      const [seenByA] = await getPeers(peersOfA);
      for (const seen of [seenByA!, seenByB!]) {
        expect(Number(seen.bytesSent)).toBeGreaterThan(1000);
        expect(Number(seen.bytesReceived)).toBeGreaterThan(1000);
        expect(Math.abs(Number(seen.lastSend) - Date.now() / 1000)).toBeLessThan(30);
        expect(Math.abs(Number(seen.lastRecv) - Date.now() / 1000)).toBeLessThan(30);
      }
      // What one side sent is what the other received, give or take what is still in flight.
      const [sent, received] = [Number(seenByA!.bytesSent), Number(seenByB!.bytesReceived)];
      expect(Math.abs(sent - received)).toBeLessThan(sent / 4);
      await waitFor('the CONNECTED event', () =>
        events.some((e) => e.kind === gossip_node.PeerEventKind.PEER_EVENT_KIND_CONNECTED),
      );
      expect(events[0]).toMatchObject({
        peer_id: b.peerId,
        addr: `/ip4/127.0.0.8/tcp/${b.port}`,
        inbound: false,
      });

      expect(await unary(peersOfA, 'disconnectPeer', { peer_id: b.peerId }, API_KEY)).toEqual({
        success: true,
        error: '',
      });
      await waitFor('A to have no peers', async () => (await getPeers(peersOfA)).length === 0);
      await waitFor('the DISCONNECTED event', () =>
        events.some(
          (e) =>
            e.kind === gossip_node.PeerEventKind.PEER_EVENT_KIND_DISCONNECTED &&
            e.peer_id === b.peerId,
        ),
      );
    } finally {
      watch.cancel();
    }
  }, 40_000);

  it.each([
    ['connectPeer', { peer_address: '' }, status.INVALID_ARGUMENT, 'peer_address is empty'],
    [
      'connectPeer',
      { peer_address: 'not a multiaddr' },
      status.INVALID_ARGUMENT,
      'is not a multiaddr',
    ],
    [
      'connectPeer',
      { peer_address: '/ip4/127.0.0.1/tcp/1' },
      status.INVALID_ARGUMENT,
      'must end in /p2p/<peer ID>',
    ],
    ['disconnectPeer', { peer_id: '' }, status.INVALID_ARGUMENT, 'peer_id is empty'],
    ['disconnectPeer', { peer_id: 'garbage' }, status.INVALID_ARGUMENT, 'is not a peer ID'],
    [
      'disconnectPeer',
      { peer_id: '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG' },
      status.NOT_FOUND,
      'is not connected',
    ],
  ])('%s(%j) → %s', async (method, request, code, message) => {
    const error = await unary(peersOfA, method, request, API_KEY).catch((e: ServiceError) => e);
    expect(error).toMatchObject({ code });
    expect((error as ServiceError).details).toContain(message);
  });

  it('answers an unreachable peer with success=false and the reason', async () => {
    const port = await freePort();
    const response = await unary<object, p2p_api.ConnectPeerResponse>(
      peersOfA,
      'connectPeer',
      {
        peer_address: `/ip4/127.0.0.1/tcp/${port}/p2p/12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG`,
      },
      API_KEY,
    );
    expect(response.success).toBe(false);
    expect(response.error).not.toBe('');
  });

  it('forwards the ban RPCs to ban-service with the caller’s API key', async () => {
    banService.calls.length = 0;
    const until = String(Math.floor(Date.now() / 1000) + 3600);
    expect(await unary(peersOfA, 'banPeer', { addr: '10.0.0.1', until }, API_KEY)).toEqual({
      ok: true,
    });
    expect(await unary(peersOfA, 'isBanned', { ipOrSubnet: '10.0.0.1' })).toEqual({
      isBanned: true,
    });
    expect(await unary(peersOfA, 'listBanned', {})).toEqual({ banned: ['10.0.0.1/32'] });
    expect(await unary(peersOfA, 'unbanPeer', { addr: '10.0.0.1' }, API_KEY)).toEqual({ ok: true });
    expect(
      await unary(peersOfA, 'addBanScore', { peer_id: b.peerId, reason: 'spam' }, API_KEY),
    ).toEqual({ ok: true });
    expect(await unary(peersOfA, 'clearBanned', {}, API_KEY)).toEqual({ ok: true });
    expect(banService.calls).toEqual([
      { method: 'banPeer', request: { addr: '10.0.0.1', until }, apiKey: API_KEY },
      { method: 'isBanned', request: { ipOrSubnet: '10.0.0.1' }, apiKey: undefined },
      { method: 'listBanned', request: {}, apiKey: undefined },
      { method: 'unbanPeer', request: { addr: '10.0.0.1' }, apiKey: API_KEY },
      { method: 'addBanScore', request: { peer_id: b.peerId, reason: 'spam' }, apiKey: API_KEY },
      { method: 'clearBanned', request: {}, apiKey: API_KEY },
    ]);
  });

  it('needs the API key for mutating ban RPCs and passes ban-service errors through', async () => {
    banService.calls.length = 0;
    await expect(unary(peersOfA, 'banPeer', { addr: '10.0.0.1', until: 0 })).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
    await expect(unary(peersOfA, 'clearBanned', {}, 'wrong')).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
    expect(banService.calls).toEqual([]);
    await expect(
      unary(peersOfA, 'banPeer', { addr: 'bad', until: 0 }, API_KEY),
    ).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: 'addr "bad" is not an IP',
    });
  });

  it('publishes on the gossip network and reports its own status', async () => {
    await unary(peersOfB, 'connectPeer', { peer_address: a.multiaddr }, API_KEY);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // subscriptions, then a mesh heartbeat
    const published = await unary<object, gossip_node.PublishResponse>(nodeA, 'publish', {
      rejected_tx: { tx_id: TX, reason: 'invalid_script', peer_id: '' },
    });
    expect(published).toEqual({
      topic: 'teranode/bitcoin/1.0.0/regtest-rejected_tx',
      recipients: 1,
    });
    await waitFor('B to put the rejected tx on the bus', () =>
      collector.events.some((e) => e.event.rejected_tx?.tx_id === TX),
    );
    const [event] = collector.events.filter((e) => e.event.rejected_tx?.tx_id === TX);
    expect(event!.event).toMatchObject({
      sender_peer_id: a.peerId,
      receiver_peer_id: b.peerId,
      rejected_tx: { tx_id: TX, reason: 'invalid_script', peer_id: a.peerId },
    });
    await expect(unary(nodeA, 'publish', {})).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
    await expect(
      unary(nodeA, 'publish', { block: { hash: 'not hex', height: 1 } }),
    ).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: 'block.hash: hash "not hex" is not hexadecimal',
    });

    const own = await unary<
      object,
      {
        peer_id: string;
        client_name: string;
        listen_mode: string;
        base_url: string;
        propagation_url: string;
      }
    >(nodeA, 'getNodeStatus', {});
    expect(own).toMatchObject({
      peer_id: a.peerId,
      client_name: 'alpha',
      listen_mode: 'full',
      base_url: 'http://localhost:8090/api/v1',
      propagation_url: 'http://localhost:8090/api/v1',
    });
  }, 30_000);

  it('reports readiness honestly: 503 naming the dependency that is down', async () => {
    const response = await fetch(`${a.httpUrl}/health/readiness`);
    const body = (await response.json()) as {
      info: Record<string, unknown>;
      error: Record<string, { message: string }>;
    };
    expect(response.status).toBe(503);
    expect(Object.keys(body.info).sort()).toEqual(['ban-service', 'kafka', 'libp2p', 'p2p-events']);
    expect(Object.keys(body.error)).toEqual(['blockchain']);
    expect(body.error['blockchain']!.message).toContain('no gRPC server at');
  });

  it('answers UNAVAILABLE naming ban-service when it is down', async () => {
    await banService.stop();
    const error = await unary(peersOfA, 'isBanned', { ipOrSubnet: '10.0.0.1' }).catch(
      (e: ServiceError) => e,
    );
    expect(error).toMatchObject({ code: status.UNAVAILABLE });
    expect((error as ServiceError).details).toContain(
      `ban-service at 127.0.0.1:${banService.port} did not answer isBanned`,
    );
  });
});
