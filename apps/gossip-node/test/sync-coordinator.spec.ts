import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  blockchain_api,
  gossip_node,
  kafkamessage,
  p2p_api,
  peer_registry,
} from '@teranode-p2p/contracts';
import {
  nodeStatusMessageCodec,
  openPayload,
  sealPayload,
  type NodeStatusMessage,
} from '@teranode-p2p/gossip';
import {
  type DataHubStub,
  freePort,
  numberedHash,
  requireKafka,
  type SpawnedApp,
  startDataHubStub,
  uniqueName,
  waitFor,
} from '@teranode-p2p/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBlockchainSimulator } from './support/blockchain-simulator.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { startRealBanService, type RealBanService } from './support/real-ban-service.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const STATUS_TOPIC = 'teranode/bitcoin/1.0.0/regtest-node_status';

interface Trigger {
  key: string;
  hash: string;
  url: string;
  peerId: string;
}

// A node behind its peers (the blockchain simulator is its Teranode, far below them) picks a
// sync peer from the shared registry in the real ban-service and starts the catch-up with a
// KafkaBlockTopicMessage on the real blocks topic; block validation's reports (p2p_api) and
// the blockchain service's PeerFailure notifications move it on.
describe('sync coordinator', () => {
  let banService: RealBanService;
  let simulator: SpawnedApp;
  let simulatorAddress: string;
  let node: NodeProcess;
  let api: p2p_api.PeerServiceClient;
  let chain: blockchain_api.BlockchainAPIClient;
  let dataHub: DataHubStub;
  let reader: Consumer;
  const triggers: Trigger[] = [];
  /** The node's own node_status messages as peer a receives them. */
  const ownStatuses: NodeStatusMessage[] = [];
  const peers: Record<'a' | 'b' | 'c', Libp2pHost> = {} as never;
  const ids = {} as Record<'a' | 'b' | 'c', string>;
  let hubUrl: string;
  let nodeEnv: Record<string, string>;

  const rpc = <Res>(method: string, request: object) => unary<object, Res>(api, method, request);
  const announce = async (name: 'a' | 'b' | 'c', height: number) => {
    const status = nodeStatusMessageCodec.create({
      type: 'node_status',
      baseUrl: `${hubUrl}/${name}`,
      peerId: ids[name],
      bestHeight: height,
      bestBlockHash: height > 0 ? numberedHash(height) : '',
      clientName: `peer-${name}`,
    });
    await peers[name].services.pubsub.publish(
      STATUS_TOPIC,
      sealPayload(nodeStatusMessageCodec.encode(status), { envelope: true, name }),
    );
  };
  const reputation = async (name: 'a' | 'b' | 'c') =>
    (await rpc<p2p_api.GetPeerResponse>('getPeer', { peer_id: ids[name] })).peer?.reputation_score;
  // A caught-up node looks again every 15 s (Teranode's slow FSM monitor).
  const nextTrigger = (after: number) =>
    waitFor('a catch-up trigger on the blocks topic', () => triggers[after], {
      timeoutMs: 25_000,
    });
  const reportFailure = (peerId: string) =>
    new Promise<void>((resolve, reject) =>
      chain.reportPeerFailure(
        { hash: Buffer.alloc(0), peer_id: peerId, failure_type: 'catchup', reason: 'test' },
        (error) => (error ? reject(error) : resolve()),
      ),
    );

  beforeAll(async () => {
    const brokers = await requireKafka();
    const blocksTopic = uniqueName('sync-blocks');
    banService = await startRealBanService('sync', brokers);
    const simulatorPort = await freePort();
    simulatorAddress = `127.0.0.1:${simulatorPort}`;
    simulator = await startBlockchainSimulator(simulatorPort, { simulator_block_interval: '1h' });
    chain = new blockchain_api.BlockchainAPIClient(simulatorAddress, insecure());
    // Every peer's DataHub answers /bestblockheader.
    dataHub = await startDataHubStub();
    hubUrl = dataHub.url;

    const kafka = new Kafka({ brokers, clientId: 'sync-test', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: blocksTopic }] });
    await admin.disconnect();
    reader = kafka.consumer({ groupId: uniqueName('sync-reader'), maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: blocksTopic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const value = kafkamessage.KafkaBlockTopicMessage.decode(message.value!);
        triggers.push({
          key: message.key!.toString(),
          hash: value.hash,
          url: value.URL,
          peerId: value.peer_id,
        });
      },
    });

    const ownKey = await newNodeKey();
    nodeEnv = {
      network: 'regtest',
      ban_service_grpc_address: banService.address,
      blockchain_grpc_address: simulatorAddress,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_P2P_EVENTS: uniqueName('sync-p2p-events'),
      KAFKA_BLOCKS: blocksTopic,
      p2p_min_peers: '0',
      p2p_private_key: ownKey.hex,
      p2p_sync_coordinator_periodic_evaluation_interval: '1s',
      p2p_allow_private_ips: 'true',
    };
    // Another node of ours sharing the registry has registered this one, far ahead (as its
    // record stays after a restart while its chain view starts at 0), with a healthy DataHub:
    // the node must neither choose itself nor offer itself for catch-up.
    const registry = new peer_registry.PeerRegistryClient(banService.address, insecure());
    await unary<peer_registry.GossipBatch, unknown>(registry, 'applyGossip', {
      connected_for_ms: 0,
      reporter: '',
      observations: [
        {
          peer_id: ownKey.peerId,
          bytes_received: '1',
          last_message_at: String(Date.now()),
          connection: peer_registry.Connection.CONNECTED,
          status: {
            height: 10_000,
            block_hash: numberedHash(10_000),
            data_hub_url: `${hubUrl}/self`,
            client_name: 'self',
            storage: 'full',
          },
        },
      ],
    });
    registry.close();
    node = await startNodeProcess(nodeEnv);
    api = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
    for (const name of ['a', 'b', 'c'] as const) {
      peers[name] = await startTestPeer();
      ids[name] = peers[name].peerId.toString();
      await dialAndSubscribe(peers[name], node.multiaddr, [STATUS_TOPIC]);
      if (name === 'a')
        peers.a.services.pubsub.addEventListener('message', ({ detail }) => {
          if (detail.topic !== STATUS_TOPIC) return;
          const opened = openPayload(detail.data, { envelope: true, maxBytes: 65_536 });
          if (!opened.ok) return;
          const status = nodeStatusMessageCodec.decode(opened.value.payload, 65_536);
          if (status.ok && status.value.peerId === node.peerId) ownStatuses.push(status.value);
        });
      // Registered, but not yet ahead of the node: nobody can be chosen before the reports.
      await announce(name, 0);
    }
    await waitFor(
      'three peers in the registry',
      async () =>
        (await rpc<p2p_api.GetPeerRegistryResponse>('getPeerRegistry', {})).peers.length === 3,
      { timeoutMs: 10_000 },
    );
  }, 120_000);

  afterAll(async () => {
    api?.close();
    chain?.close();
    await reader?.disconnect();
    for (const host of Object.values(peers)) await host?.stop();
    await node?.app.stop();
    await simulator?.stop();
    await banService?.stop();
    await dataHub?.close();
  });

  it('selects the highest-reputation peer ahead and triggers the catch-up from its best block', async () => {
    await rpc('recordCatchupSuccess', { peer_id: ids.a, duration_ms: '100' });
    await rpc('recordCatchupSuccess', { peer_id: ids.b, duration_ms: '3000' });
    expect(await reputation('a')).toBeGreaterThan((await reputation('b'))!);
    await announce('c', 300);
    await announce('b', 400);
    await announce('a', 500);
    const trigger = await nextTrigger(0);
    expect(trigger).toEqual({
      key: numberedHash(500),
      hash: numberedHash(500),
      url: `${hubUrl}/a`,
      peerId: ids.a,
    });
    const why = await unary<object, gossip_node.SyncPeerAnswer>(
      new gossip_node.GossipNodeClient(node.grpcAddress, insecure()),
      'getSyncPeer',
      {},
    );
    expect(why).toMatchObject({ sync_peer: ids.a, chosen: ids.a, local_height: 0 });
    expect(why.candidates.map((c) => c.peer_id)).toEqual([ids.a, ids.b, ids.c]);
    expect(why.excluded.map((e) => e.peer_id)).not.toContain(node.peerId);
    const forCatchup = await rpc<p2p_api.GetPeersForCatchupResponse>('getPeersForCatchup', {});
    expect(forCatchup.peers.map((p) => p.id).sort()).toEqual([ids.a, ids.b, ids.c].sort());
    expect(await rpc('getPeer', { peer_id: node.peerId })).toEqual({ found: false });
    const metrics = await (await fetch(`${node.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/gossip_node_sync_triggers_total\{outcome="sent"[^}]*\} 1/);
  }, 40_000);

  it("moves to the next peer when block validation reports the sync peer's catch-up failed", async () => {
    await reportFailure(ids.a);
    const trigger = await nextTrigger(1);
    expect(trigger).toMatchObject({ peerId: ids.b, hash: numberedHash(400), url: `${hubUrl}/b` });
    const peer = (await rpc<p2p_api.GetPeerResponse>('getPeer', { peer_id: ids.a })).peer!;
    expect(peer.interaction_failures).toBe('1');
  });

  it('never selects a peer reported malicious (reputation pinned at 5)', async () => {
    await rpc('recordCatchupMalicious', { peer_id: ids.b });
    expect(await reputation('b')).toBe(5);
    // The periodic evaluation drops a sync peer below 20; c is the only one left untried.
    const trigger = await nextTrigger(2);
    expect(trigger.peerId).toBe(ids.c);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(triggers.slice(2).map((t) => t.peerId)).not.toContain(ids.b);
  });

  it('names its current sync peer in its own node_status: ID, height and best block, since when', async () => {
    // The simulator's FSM stays RUNNING with the peers still ahead, so the monitor takes each
    // selection for a failed sync and moves on: the status names whichever peer is current.
    const announced = new Map([
      [ids.a, 500],
      [ids.b, 400],
      [ids.c, 300],
    ]);
    const since = ownStatuses.length;
    const status = await waitFor(
      "the node's next node_status naming a sync peer",
      () => ownStatuses.slice(since).find((s) => s.syncPeerId !== ''),
      { timeoutMs: 15_000 },
    );
    const height = announced.get(status.syncPeerId);
    expect(triggers.map((t) => t.peerId)).toContain(status.syncPeerId);
    expect(status).toMatchObject({
      syncPeerHeight: height,
      syncPeerBlockHash: numberedHash(height!),
    });
    expect(status.syncConnectedAt).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(status.syncConnectedAt).toBeLessThanOrEqual(Date.now() / 1000);
  }, 20_000);

  it('keeps reputations and sync attempts across a restart of gossip-node', async () => {
    api.close();
    await node.app.stop();
    node = await startNodeProcess(nodeEnv);
    api = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
    expect(await reputation('b')).toBe(5);
    const a = (await rpc<p2p_api.GetPeerResponse>('getPeer', { peer_id: ids.a })).peer!;
    expect(a.interaction_failures).toBe('1');
  });
});
