import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { peerIdFromString } from '@libp2p/peer-id';
import { gossip_node, p2p_api } from '@teranode-p2p/contracts';
import { goPubsubMessageId } from '@teranode-p2p/gossip';
import { freePort, requireKafka, waitFor } from '@teranode-p2p/testing';
import { buildGoPeer, goAvailable, GoPeer, type GoEvent } from './support/go-peer.js';
import {
  newNodeKey,
  startNodeProcess,
  waitForPeers,
  type NodeProcess,
} from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import {
  blockRequest,
  deliveriesOfOneBlock,
  freshHash,
  goPublisher,
  ourPublisher,
  REGTEST,
  sleep,
} from './support/interop.js';
import { expectOurNodeStatus } from './support/node-status-fixture.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';

const describeWithGo = goAvailable() ? describe : describe.skip;

const SHARED_KEY = randomBytes(32).toString('hex');
const GO_USER_AGENT = 'teranode/bitcoin/v0.10.5';
const ADMIN_KEY = 'interop-admin-key';

/** Our node on the seed's private network: shared key, private DHT, handshake, raw payloads. */
const legacyNetwork = (extra: Record<string, string>) => ({
  p2p_shared_key: SHARED_KEY,
  p2p_dht_use_private: 'true',
  p2p_dht_protocol_id: '/teranode',
  p2p_handshake_enabled: 'true',
  p2p_mining_on_enabled: 'true',
  p2p_message_envelope: 'false',
  grpc_admin_api_key: ADMIN_KEY,
  ...extra,
});

// Teranode v0.10 on the wire: a Go peer built on go-p2p v1.2.4 (pnet shared key, private
// DHT /teranode/kad/1.0.0, version/verack over the teranode/bitcoin/1.0.0 stream, raw JSON).
describeWithGo('interop with Teranode v0.10 (go-p2p v1.2.4, private network)', () => {
  let binary: string;
  let collector: P2pEventCollector;
  let go: GoPeer;
  let a: NodeProcess;
  let b: NodeProcess;
  let gossipA: gossip_node.GossipNodeClient;
  let peersOfA: p2p_api.PeerServiceClient;
  const strangers: GoPeer[] = [];
  let common: Record<string, string>;

  const publishAtA = (request: gossip_node.PublishRequest) =>
    unary<gossip_node.PublishRequest, gossip_node.PublishResponse>(gossipA, 'publish', request);
  const peersOf = (client: p2p_api.PeerServiceClient) =>
    unary<object, p2p_api.GetPeersResponse>(client, 'getPeers', {}).then((r) => r.peers);

  beforeAll(async () => {
    const brokers = await requireKafka();
    binary = await buildGoPeer();
    ({ collector, env: common } = await collectEvents(brokers));
    const keyA = await newNodeKey(); // 64-byte form (seed ‖ pub)
    a = await startNodeProcess(
      legacyNetwork({ ...common, clientName: 'ts-legacy-a', p2p_private_key: keyA.hex }),
    );
    expect(a.peerId).toBe(keyA.peerId);
    gossipA = new gossip_node.GossipNodeClient(a.grpcAddress, insecure());
    peersOfA = new p2p_api.PeerServiceClient(a.grpcAddress, insecure());
    const goKey = await newNodeKey();
    go = await GoPeer.start(binary, [
      ...['-profile', 'legacy', '-key', goKey.hex, '-port', String(await freePort())],
      ...['-network', 'regtest', '-private-dht', '-shared-key', SHARED_KEY],
      ...['-bootstrap', a.multiaddr, '-best-height', '4242', '-user-agent', GO_USER_AGENT],
      ...['-data-hub-url', 'http://go-legacy.example', '-node-status', 'v0.11'],
    ]);
    expect(go.peerId).toBe(goKey.peerId);
    await waitForPeers(a, 1, 30_000);
  }, 600_000);

  afterAll(async () => {
    gossipA?.close();
    peersOfA?.close();
    await Promise.all([
      a?.app.stop(),
      b?.app.stop(),
      go?.stop(),
      ...strangers.map((s) => s.stop()),
    ]);
    await collector?.stop();
  });

  it('the matching shared key connects; a Go peer with a different key never does', async () => {
    expect((await peersOf(peersOfA)).map((p) => p.id)).toContain(go.peerId);
    const stranger = await GoPeer.start(binary, [
      ...['-profile', 'legacy', '-port', String(await freePort()), '-network', 'regtest'],
      ...['-private-dht', '-shared-key', randomBytes(32).toString('hex')],
      ...['-bootstrap', a.multiaddr, '-connect', a.multiaddr],
    ]);
    strangers.push(stranger);
    await sleep(6000); // the static-peer loop retries every 5 s
    expect(stranger.all('peer-connected')).toEqual([]);
    expect((await peersOf(peersOfA)).map((p) => p.id)).not.toContain(stranger.peerId);
    const dial = await unary<object, { success: boolean; error: string }>(
      peersOfA,
      'connectPeer',
      { peer_address: stranger.multiaddr },
      ADMIN_KEY,
    ).catch((error: Error) => ({ success: false, error: error.message }));
    expect(dial.success).toBe(false);
  }, 60_000);

  it('version/verack over the teranode/bitcoin/1.0.0 stream, both ways, and our node records the Go peer', async () => {
    const ourVersion = await go.next(
      'handshake',
      (e) => e['via'] === 'stream' && e['from'] === a.peerId && kindOf(e) === 'version',
    );
    expect(ourVersion['message']).toEqual({
      type: 'version',
      peerID: a.peerId,
      bestHeight: 0,
      bestHash: expect.any(String),
      dataHubURL: expect.any(String),
      userAgent: expect.any(String),
      services: 0,
      topicPrefix: REGTEST,
    });
    // Go answered our version with a verack on a stream of its own, and we answered its version.
    await go.next(
      'handshake-sent',
      (e) => e['to'] === a.peerId && e['type'] === 'verack' && e['via'] === 'stream',
    );
    const ourVerack = await go.next(
      'handshake',
      (e) => e['via'] === 'stream' && e['from'] === a.peerId && kindOf(e) === 'verack',
    );
    expect(ourVerack['message']).toMatchObject({ peerID: a.peerId, topicPrefix: REGTEST });
    const seen = await waitFor('A to record the Go peer from its version', async () =>
      (await peersOf(peersOfA)).find((p) => p.id === go.peerId && p.subVer === GO_USER_AGENT),
    );
    expect(seen).toMatchObject({ startingHeight: 4242, currentHeight: 4242 });
  }, 40_000);

  it('Go publishes raw block, subtree, mining-on, rejected-tx and node_status JSON → our node emits every field', async () => {
    const fromGo = goPublisher(go, collector, a.peerId);
    const block = await fromGo.block({
      Height: 4243,
      DataHubURL: 'http://go-legacy.example',
      PeerID: go.peerId,
      Header: '00'.repeat(80),
    });
    expect(block.event).toMatchObject({
      sender_peer_id: go.peerId,
      topic: `${REGTEST}-block`,
      block: {
        height: 4243,
        data_hub_url: 'http://go-legacy.example',
        peer_id: go.peerId,
        header: '00'.repeat(80),
        coinbase: '',
      },
    });
    const subtree = await fromGo.subtree('http://go-legacy.example');
    expect(subtree.event.subtree).toMatchObject({
      data_hub_url: 'http://go-legacy.example',
      peer_id: go.peerId,
    });
    const miningOn = await fromGo.miningOn({
      PreviousHash: '11'.repeat(32),
      DataHubURL: 'http://go-legacy.example',
      PeerID: go.peerId,
      Height: 4244,
      Miner: '/Teranode/',
      SizeInBytes: 123_456,
      TxCount: 4312,
    });
    expect(miningOn.event).toMatchObject({
      sender_peer_id: go.peerId,
      topic: `${REGTEST}-miningon`,
      mining_on: {
        previous_hash: '11'.repeat(32),
        data_hub_url: 'http://go-legacy.example',
        peer_id: go.peerId,
        height: 4244,
        miner: '/Teranode/',
        size_in_bytes: '123456',
        tx_count: '4312',
      },
    });
    const rejected = await fromGo.rejectedTx('bad-txns');
    expect(rejected.event.rejected_tx).toMatchObject({ reason: 'bad-txns', peer_id: go.peerId });
    await fromGo.nodeStatus('v0.11');
  }, 120_000);

  it('our node publishes raw JSON (no envelope) → the Go peer decodes every field', async () => {
    const fromA = ourPublisher(go, publishAtA);
    const block = await fromA.block({
      height: 7,
      data_hub_url: 'http://a',
      peer_id: '',
      header: '',
      coinbase: '',
    });
    expect(block['from']).toBe(a.peerId); // go-p2p hands handlers the forwarding peer
    expect(String(block['data'])).toMatch(/^\{"Hash":/);
    expect(block['payload']).toEqual({
      Hash: (block['payload'] as { Hash: string }).Hash,
      Height: 7,
      DataHubURL: 'http://a',
      PeerID: a.peerId,
      Header: '',
      Coinbase: '',
    });
    const miningOn = await fromA.miningOn({
      previous_hash: '22'.repeat(32),
      data_hub_url: 'http://a',
      peer_id: '',
      height: 8,
      miner: 'ts-miner',
      size_in_bytes: '1000',
      tx_count: '3',
    });
    expect(miningOn['payload']).toEqual({
      Hash: (miningOn['payload'] as { Hash: string }).Hash,
      PreviousHash: '22'.repeat(32),
      DataHubURL: 'http://a',
      PeerID: a.peerId,
      Height: 8,
      Miner: 'ts-miner',
      SizeInBytes: 1000,
      TxCount: 3,
    });
    const subtree = await fromA.subtree('http://a');
    expect(subtree['payload']).toMatchObject({ DataHubURL: 'http://a', PeerID: a.peerId });
    const rejected = await fromA.rejectedTx('missing inputs');
    expect(rejected['payload']).toMatchObject({ Reason: 'missing inputs', PeerID: a.peerId });
  }, 120_000);

  it("our node_status (today's shape) reaches the Go peer as raw JSON, and v0.11's struct reads every field it knows", async () => {
    const status = await go.next(
      'message',
      (e) =>
        e['kind'] === 'node_status' && (e['payload'] as { peer_id?: string }).peer_id === a.peerId,
      25_000,
    );
    expect(String(status['data'])).toMatch(/^\{"peer_id":"12D3KooW[^"]+","client_name":/);
    expect(status['decodeError']).toBeUndefined();
    const own = await unary<object, { version: string }>(gossipA, 'getNodeStatus', {});
    expectOurNodeStatus(
      status,
      {
        peerId: a.peerId,
        clientName: 'ts-legacy-a',
        version: own.version,
      },
      'v0.11',
    );
  }, 40_000);

  it("our message IDs are go-libp2p-pubsub's: the Go peer's ID of each of our messages is ours", async () => {
    const hashes = [freshHash(), freshHash(), freshHash()];
    for (const hash of hashes) await publishAtA(blockRequest(hash, 9));
    const taps = await waitFor('the Go peer to see all three', () => {
      const found = hashes.map((hash) =>
        go.first('pubsub', (e) => String(e['data']).includes(hash)),
      );
      return found.every(Boolean) ? (found as GoEvent[]) : undefined;
    });
    for (const tap of taps) {
      expect(tap['author']).toBe(a.peerId);
      const ours = goPubsubMessageId(
        peerIdFromString(a.peerId).toMultihash().bytes,
        BigInt(`0x${tap['seqno'] as string}`),
      );
      expect(Buffer.from(ours).toString('hex')).toBe(tap['messageId']);
    }
  }, 30_000);

  it('a node that only knows the private-DHT bootstrap node finds the Go peer', async () => {
    b = await startNodeProcess(
      legacyNetwork({
        ...common,
        clientName: 'ts-legacy-b',
        p2p_bootstrap_addresses: a.multiaddr,
        p2p_min_peers: '3',
      }),
    );
    await waitFor(
      'B and the Go peer to connect through the DHT',
      () => go.first('peer-connected', (e) => e['peer'] === b.peerId),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }, 90_000);

  it('a message re-gossiped by the Go peer is delivered once: A, B and the Go peer in a triangle', async () => {
    const deliveries = await deliveriesOfOneBlock(
      collector,
      go,
      (hash) => publishAtA(blockRequest(hash, 10)),
      { publisher: a.peerId, receiver: b.peerId },
    );
    expect(deliveries).toEqual({ publisher: 0, receiver: 1, go: 1 });
  }, 90_000);
});

function kindOf(event: GoEvent): string {
  return (event['message'] as { type: string }).type;
}
