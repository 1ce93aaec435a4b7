import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { ban_service, banEventsTopic, p2p_api, p2p_events } from '@teranode-p2p/contracts';
import { KafkaMessageBus, type BusProducer } from '@teranode-p2p/kafka';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { startTestPeer } from './support/test-peer.js';

const API_KEY = 'gate-key';
const BLOCK_TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';
const { BanAction, BanKind } = p2p_events;

describe('connection gating from ban-service and p2p.ban-events', () => {
  let banService: BanServiceDouble;
  let bus: KafkaMessageBus;
  let producer: BusProducer;
  let banTopic: string;
  let node: NodeProcess;
  let listed: Libp2pHost; // banned by peer ID in ban-service's list at start
  let y: Libp2pHost; // 127.0.0.10, banned by IP later
  let z: Libp2pHost; // 127.0.0.11, banned by peer ID later
  const until = () => String(Math.floor(Date.now() / 1000) + 3600);

  const dial = (peer: Libp2pHost) =>
    peer.dial(multiaddr(node.multiaddr), { signal: AbortSignal.timeout(3000) });
  // A refused peer may see its dial complete before the node's gater closes the connection
  // (and libp2p's errors carry a proxy jest cannot print), so judge by what remains open.
  const dialOutcome = async (peer: Libp2pHost) => {
    await dial(peer).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return connected(peer) ? 'connected' : 'refused';
  };
  const connected = (peer: Libp2pHost) =>
    peer
      .getConnections()
      .some((c) => c.remotePeer.toString() === node.peerId && c.status === 'open');
  const publishBan = (event: Partial<p2p_events.BanEvent>) =>
    producer.send(banTopic, [banEventsTopic.toRecord(p2p_events.BanEvent.fromPartial(event))]);

  beforeAll(async () => {
    const brokers = await requireKafka();
    banTopic = uniqueName('ban-events');
    bus = new KafkaMessageBus({ brokers, clientId: uniqueName('gate-test') });
    await bus.ensureTopics([{ topic: banTopic }]);
    producer = await bus.createProducer();
    const listedKey = await generateKeyPair('Ed25519');
    banService = await startBanServiceDouble([
      ban_service.BanEntry.fromPartial({
        kind: BanKind.BAN_KIND_PEER,
        value: peerIdFromPrivateKey(listedKey).toString(),
        expires_at: until(),
        reason: 'listed at start',
      }),
    ]);
    node = await startNodeProcess(
      {
        network: 'regtest',
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_P2P_EVENTS: uniqueName('p2p-events'),
        KAFKA_BAN_EVENTS: banTopic,
        ban_service_grpc_address: banService.address,
        grpc_admin_api_key: API_KEY,
        p2p_private_key: (await newNodeKey()).hex,
      },
      { address: '127.0.0.9' },
    );
    // The list is in place before the node listens: no banned peer can slip in meanwhile.
    const output = node.app.output();
    expect(output.indexOf('loaded 1 bans from ban-service')).toBeGreaterThanOrEqual(0);
    expect(output.indexOf('loaded 1 bans from ban-service')).toBeLessThan(
      output.indexOf('libp2p host started'),
    );
    listed = await startTestPeer({ address: '127.0.0.12', privateKey: listedKey });
    y = await startTestPeer({ address: '127.0.0.10' });
    z = await startTestPeer({ address: '127.0.0.11' });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([listed?.stop(), y?.stop(), z?.stop()]);
    await node?.app.stop();
    await bus?.close();
    await banService?.stop();
  });

  it('refuses a peer banned in ban-service’s list at start', async () => {
    expect(await dialOutcome(listed)).toBe('refused');
    await dial(y);
    await dial(z);
    expect(connected(y) && connected(z)).toBe(true);
  });

  it('reports a peer that sends garbage to ban-service as protocol_violation', async () => {
    y.services.pubsub.subscribe(BLOCK_TOPIC);
    await waitFor(
      'the node to see y on the block topic',
      () => y.services.pubsub.getSubscribers(BLOCK_TOPIC).length > 0,
    );
    await y.services.pubsub.publish(BLOCK_TOPIC, new TextEncoder().encode('{"garbage'));
    await waitFor('an AddScore call', () => banService.calls.some((c) => c.method === 'addScore'));
    expect(banService.calls.find((c) => c.method === 'addScore')).toEqual({
      method: 'addScore',
      request: { peer_id: y.peerId.toString(), reason: 'protocol_violation' },
      apiKey: API_KEY,
    });
  });

  it('closes the connection of a newly banned IP at once and refuses it afterwards', async () => {
    await publishBan({
      action: BanAction.BAN_ACTION_ADDED,
      kind: BanKind.BAN_KIND_IP,
      value: '127.0.0.10/32',
      until: until(),
    });
    await waitFor('y to be disconnected', () => !connected(y), { timeoutMs: 5000 });
    expect(connected(z)).toBe(true);
    expect(await dialOutcome(y)).toBe('refused');
    // and the node does not dial out to the banned address either
    const client = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
    try {
      const answer = await unary<object, { success: boolean; error: string }>(
        client,
        'connectPeer',
        { peer_address: y.getMultiaddrs()[0]!.toString() },
        API_KEY,
      );
      expect(answer.success).toBe(false);
      expect(connected(y)).toBe(false);
    } finally {
      client.close();
    }
  });

  it('closes and refuses a newly banned peer ID, in and out', async () => {
    await publishBan({
      action: BanAction.BAN_ACTION_ADDED,
      kind: BanKind.BAN_KIND_PEER,
      value: z.peerId.toString(),
      until: until(),
    });
    await waitFor('z to be disconnected', () => !connected(z), { timeoutMs: 5000 });
    expect(await dialOutcome(z)).toBe('refused');
    const client = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
    try {
      const answer = await unary<object, { success: boolean }>(
        client,
        'connectPeer',
        { peer_address: `${z.getMultiaddrs()[0]!.toString()}` },
        API_KEY,
      );
      expect(answer.success).toBe(false);
    } finally {
      client.close();
    }
  });

  it('admits the IP again once unbanned, and survives garbage on the ban topic', async () => {
    await producer.send(banTopic, [
      { key: 'x', value: Buffer.from('definitely not protobuf \xff\xff\xff') },
    ]);
    await publishBan({
      action: BanAction.BAN_ACTION_ADDED,
      kind: BanKind.BAN_KIND_IP,
      value: 'not-an-ip',
      until: until(),
    });
    await publishBan({
      action: BanAction.BAN_ACTION_REMOVED,
      kind: BanKind.BAN_KIND_IP,
      value: '127.0.0.10/32',
    });
    await waitFor(
      'y to be admitted again',
      async () => {
        return (await dialOutcome(y)) === 'connected';
      },
      { timeoutMs: 10_000, intervalMs: 300 },
    );
    expect(await node.metric('gossip_node_bad_ban_records_total')).toBeGreaterThanOrEqual(1);
    expect(node.app.process.exitCode).toBeNull();
  }, 20_000);
});
