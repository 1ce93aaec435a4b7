import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status, type ServiceError } from '@grpc/grpc-js';
import { p2p_api } from '@teranode-p2p/contracts';
import { blockMessageCodec, nodeStatusMessageCodec, sealPayload } from '@teranode-p2p/gossip';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { startRealBanService, type RealBanService } from './support/real-ban-service.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const TOPICS = {
  block: 'teranode/bitcoin/1.0.0/regtest-block',
  nodeStatus: 'teranode/bitcoin/1.0.0/regtest-node_status',
};
const HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';

// Teranode's block validation as a client written from p2p_api.proto: it asks gossip-node which
// peers to catch up from and reports what happened, against the registry in the real
// ban-service (PostgreSQL, Kafka), fed by real libp2p peers' gossip.
describe('the peer-registry RPCs of p2p_api.PeerService', () => {
  let banService: RealBanService;
  let node: NodeProcess;
  let nodeKey: string;
  let client: p2p_api.PeerServiceClient;
  let full: Libp2pHost;
  let pruned: Libp2pHost;
  let brokers: string[];

  const rpc = <Res>(method: string, request: object) => unary<object, Res>(client, method, request);
  const peer = async (id: string) =>
    (await rpc<p2p_api.GetPeerResponse>('getPeer', { peer_id: id })).peer;
  const fails = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: ServiceError) => ({ code: error.code, details: error.details }),
    );

  const announce = async (host: Libp2pHost, name: string, height: number, url: string) => {
    const status = nodeStatusMessageCodec.create({
      type: 'node_status',
      baseUrl: url,
      peerId: host.peerId.toString(),
      bestHeight: height,
      bestBlockHash: HASH,
      clientName: name,
    });
    await host.services.pubsub.publish(
      TOPICS.nodeStatus,
      sealPayload(nodeStatusMessageCodec.encode(status), { envelope: true, name }),
    );
    const block = blockMessageCodec.create({
      hash: HASH,
      height,
      dataHubUrl: url,
      peerId: host.peerId.toString(),
    });
    await host.services.pubsub.publish(
      TOPICS.block,
      sealPayload(blockMessageCodec.encode(block), { envelope: true, name }),
    );
  };

  const startNode = async () => {
    node = await startNodeProcess({
      network: 'regtest',
      ban_service_grpc_address: banService.address,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_P2P_EVENTS: uniqueName('registry-p2p-events'),
      p2p_min_peers: '0',
      p2p_private_key: nodeKey,
    });
    client = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
  };

  beforeAll(async () => {
    brokers = await requireKafka();
    banService = await startRealBanService('registry', brokers);
    nodeKey = (await newNodeKey()).hex;
    await startNode();
    full = await startTestPeer();
    pruned = await startTestPeer();
    for (const host of [full, pruned])
      await dialAndSubscribe(host, node.multiaddr, Object.values(TOPICS));
    await announce(full, 'full-node', 120, 'https://full.example/api/v1');
    await announce(pruned, 'pruned-node', 110, 'https://pruned.example/api/v1');
    await waitFor(
      'both peers in the registry',
      async () =>
        (await rpc<p2p_api.GetPeerRegistryResponse>('getPeerRegistry', {})).peers.length === 2,
      { timeoutMs: 10_000 },
    );
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await full?.stop();
    await pruned?.stop();
    await node?.app.stop();
    await banService?.stop();
  });

  it('registers gossip authors with what their node_status said, connected, 50 to start', async () => {
    expect(await peer(full.peerId.toString())).toMatchObject({
      height: 120,
      block_hash: HASH,
      data_hub_url: 'https://full.example/api/v1',
      client_name: 'full-node',
      is_connected: true,
      reputation_score: 50,
    });
    const seen = await peer(full.peerId.toString());
    expect(Number(seen!.bytes_received)).toBeGreaterThan(0);
    expect(Number(seen!.last_message_time)).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('runs a catch-up conversation: choose, attempt, succeed, report valid data, fail, reset', async () => {
    const good = full.peerId.toString();
    const bad = pruned.peerId.toString();
    const candidates = await rpc<p2p_api.GetPeersForCatchupResponse>('getPeersForCatchup', {});
    expect(candidates.peers.map((p) => p.id).sort()).toEqual([good, bad].sort());
    expect(
      await rpc<p2p_api.IsPeerUnhealthyResponse>('isPeerUnhealthy', { peer_id: good }),
    ).toMatchObject({ is_unhealthy: false, reputation_score: 50 });

    expect(await rpc('recordCatchupAttempt', { peer_id: good })).toEqual({ ok: true });
    expect(await rpc('recordCatchupSuccess', { peer_id: good, duration_ms: '150' })).toEqual({
      ok: true,
    });
    expect(await rpc('reportValidBlock', { peer_id: good, block_hash: HASH })).toMatchObject({
      success: true,
    });
    expect(await rpc('reportValidSubtree', { peer_id: good, subtree_hash: HASH })).toMatchObject({
      success: true,
    });
    expect(await rpc('recordBytesDownloaded', { peer_id: good, bytes_downloaded: '1500' })).toEqual(
      { ok: true },
    );
    expect(await rpc('recordCatchupFailure', { peer_id: bad })).toEqual({ ok: true });
    expect(
      await rpc('updateCatchupError', { peer_id: bad, error_msg: 'header 12 did not connect' }),
    ).toEqual({ ok: true });

    expect(await peer(good)).toMatchObject({
      interaction_attempts: '3',
      interaction_successes: '3',
      avg_response_time_ms: '150',
      reputation_score: 100,
    });
    expect(await peer(bad)).toMatchObject({
      interaction_failures: '1',
      reputation_score: 5,
      last_catchup_error: 'header 12 did not connect',
    });
    expect(
      await rpc<p2p_api.IsPeerUnhealthyResponse>('isPeerUnhealthy', { peer_id: bad }),
    ).toMatchObject({ is_unhealthy: true, reason: 'low reputation score: 5.00' });
    const ranked = await rpc<p2p_api.GetPeersForCatchupResponse>('getPeersForCatchup', {});
    expect(ranked.peers.map((p) => p.id)).toEqual([good, bad]);
    expect(ranked.peers[0]).toMatchObject({ catchup_attempts: '3', catchup_successes: '3' });

    expect(await rpc('recordCatchupMalicious', { peer_id: good })).toEqual({ ok: true });
    expect((await peer(good))!.reputation_score).toBe(5);
    expect(await rpc('resetReputation', { peer_id: good })).toEqual({ ok: true, peers_reset: 1 });
    expect(await peer(good)).toMatchObject({ reputation_score: 50, malicious_count: '0' });
    expect(await rpc('resetReputation', { peer_id: '' })).toEqual({ ok: true, peers_reset: 2 });
  });

  it('UpdateCatchupReputation is accepted and changes nothing, as in Teranode', async () => {
    const id = full.peerId.toString();
    const before = (await peer(id))!.reputation_score;
    expect(await rpc('updateCatchupReputation', { peer_id: id, score: 99 })).toEqual({ ok: true });
    expect((await peer(id))!.reputation_score).toBe(before);
  });

  it('IsPeerMalicious is the ban standing; an empty ID is not malicious', async () => {
    expect(await rpc('isPeerMalicious', { peer_id: full.peerId.toString() })).toEqual({
      is_malicious: false,
      reason: '',
    });
    expect(await rpc('isPeerMalicious', { peer_id: '' })).toEqual({
      is_malicious: false,
      reason: 'empty peer ID',
    });
  });

  it('answers bad input as Teranode does: errors for reports, found=false or unhealthy for questions', async () => {
    for (const call of [
      rpc('recordCatchupAttempt', { peer_id: 'not-a-peer-id' }),
      rpc('recordCatchupSuccess', { peer_id: '', duration_ms: '5' }),
      rpc('recordBytesDownloaded', { peer_id: 'x'.repeat(1_000_000), bytes_downloaded: '1' }),
      rpc('reportValidBlock', { peer_id: full.peerId.toString(), block_hash: '' }),
      rpc('reportValidSubtree', { peer_id: '', subtree_hash: HASH }),
    ]) {
      const failure = await fails(call);
      expect(failure?.code).toBe(status.INVALID_ARGUMENT);
      expect(failure!.details.length).toBeLessThan(200);
    }
    expect(await rpc('getPeer', { peer_id: 'garbage' })).toEqual({ found: false });
    expect(
      await rpc('isPeerUnhealthy', {
        peer_id: '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
      }),
    ).toMatchObject({ is_unhealthy: true, reputation_score: 0 });
    expect(await rpc('isPeerUnhealthy', { peer_id: '' })).toMatchObject({
      is_unhealthy: true,
      reason: 'empty peer ID',
    });
    // Still serving.
    expect((await rpc<p2p_api.GetPeerRegistryResponse>('getPeerRegistry', {})).peers).toHaveLength(
      2,
    );
  });

  it('stores a U+0000 in the storage a peer announces or in a catch-up error as U+FFFD, and the registry keeps moving', async () => {
    // PostgreSQL holds no U+0000; one such storage mode used to fail every later batch of
    // sightings (and a catch-up report) as "the ban store is unavailable", for every peer.
    const odd = await startTestPeer();
    try {
      await dialAndSubscribe(odd, node.multiaddr, Object.values(TOPICS));
      const status = nodeStatusMessageCodec.create({
        type: 'node_status',
        baseUrl: 'https://odd.example/api/v1',
        peerId: odd.peerId.toString(),
        bestHeight: 130,
        bestBlockHash: HASH,
        clientName: 'odd\u0000node',
        storage: 'full\u0000',
      });
      await odd.services.pubsub.publish(
        TOPICS.nodeStatus,
        sealPayload(nodeStatusMessageCodec.encode(status), { envelope: true, name: 'odd' }),
      );
      await waitFor(
        'the odd peer in the registry',
        async () => (await peer(odd.peerId.toString()))?.height === 130,
        {
          timeoutMs: 10_000,
        },
      );
      expect(await peer(odd.peerId.toString())).toMatchObject({
        storage: 'full\uFFFD',
        client_name: 'oddnode', // Teranode's client-name cleaning drops control characters
      });
      await announce(pruned, 'pruned-node', 111, 'https://pruned.example/api/v1');
      await waitFor(
        'a later sighting',
        async () => (await peer(pruned.peerId.toString()))?.height === 111,
        {
          timeoutMs: 10_000,
        },
      );
      const id = pruned.peerId.toString();
      expect(await rpc('updateCatchupError', { peer_id: id, error_msg: 'bad\u0000tx' })).toEqual({
        ok: true,
      });
      expect((await peer(id))!.last_catchup_error).toBe('bad\uFFFDtx');
    } finally {
      await odd.stop();
    }
  });

  it('keeps the registry across a restart of gossip-node (it lives in ban-service)', async () => {
    const id = pruned.peerId.toString();
    await rpc('recordCatchupMalicious', { peer_id: id });
    client.close();
    await node.app.stop();
    await startNode();
    // Its connections ended with it: the registry says so (they were never closed before).
    expect(await peer(id)).toMatchObject({
      reputation_score: 5,
      client_name: 'pruned-node',
      is_connected: false,
    });
  });
});
