import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { multiaddr } from '@multiformats/multiaddr';
import { Empty, p2p_api } from '@teranode-p2p/contracts';
import { handshakeMessageCodec, openPayload, sealPayload } from '@teranode-p2p/gossip';
import { requireKafka, waitFor } from '@teranode-p2p/testing';
import { HANDSHAKE_PROTOCOL } from '../src/handshake/handshake.js';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { startTestPeer } from './support/test-peer.js';

const HANDSHAKE_TOPIC = 'teranode/bitcoin/1.0.0/regtest-handshake';
const USER_AGENT = 'teranode-p2p/v0.1.0';

describe('the legacy version/verack handshake', () => {
  let a: NodeProcess;
  let b: NodeProcess;
  let clientA: p2p_api.PeerServiceClient;
  let clientB: p2p_api.PeerServiceClient;
  const peers: Libp2pHost[] = [];
  const subVerOf = async (client: p2p_api.PeerServiceClient, id: string) =>
    (await unary<Empty, p2p_api.GetPeersResponse>(client, 'getPeers', {})).peers.find(
      (p) => p.id === id,
    )?.subVer;

  beforeAll(async () => {
    const common = {
      network: 'regtest',
      KAFKA_BROKERS: (await requireKafka()).join(','),
      p2p_handshake_enabled: 'true',
      p2p_node_status_enabled: 'false',
    };
    a = await startNodeProcess(
      { ...common, p2p_private_key: (await newNodeKey()).hex },
      { address: '127.0.0.16' },
    );
    b = await startNodeProcess(
      { ...common, p2p_private_key: (await newNodeKey()).hex, p2p_static_peers: a.multiaddr },
      { address: '127.0.0.17' },
    );
    clientA = new p2p_api.PeerServiceClient(a.grpcAddress, insecure());
    clientB = new p2p_api.PeerServiceClient(b.grpcAddress, insecure());
  }, 60_000);

  afterAll(async () => {
    clientA?.close();
    clientB?.close();
    await Promise.all(peers.map((peer) => peer.stop()));
    await Promise.all([a?.app.stop(), b?.app.stop()]);
  });

  it('exchanges version and verack over the direct stream when two nodes connect', async () => {
    await waitFor(
      'A to know B’s user agent',
      async () => (await subVerOf(clientA, b.peerId)) === USER_AGENT,
    );
    await waitFor(
      'B to know A’s user agent',
      async () => (await subVerOf(clientB, a.peerId)) === USER_AGENT,
    );
  });

  it('ignores a version from another network and survives garbage streams', async () => {
    const stranger = await startTestPeer({ address: '127.0.0.18' });
    peers.push(stranger);
    await stranger.dial(multiaddr(a.multiaddr));
    const send = async (bytes: Uint8Array) => {
      const stream = await stranger.dialProtocol(multiaddr(a.multiaddr), HANDSHAKE_PROTOCOL);
      stream.send(bytes);
      await stream.close();
    };
    const version = (topicPrefix: string, userAgent: string) =>
      handshakeMessageCodec.encode(
        handshakeMessageCodec.create({
          type: 'version',
          peerId: stranger.peerId.toString(),
          userAgent,
          topicPrefix,
        }),
      );
    await send(version('teranode/bitcoin/1.0.0/mainnet', 'foreign'));
    await send(new TextEncoder().encode('{"type":5'));
    await send(new Uint8Array(100_000).fill(0x20));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await subVerOf(clientA, stranger.peerId.toString())).toBe('');
    await send(version('teranode/bitcoin/1.0.0/regtest', 'same-network'));
    await waitFor(
      'A to record the same-network version',
      async () => (await subVerOf(clientA, stranger.peerId.toString())) === 'same-network',
    );
    expect(a.app.process.exitCode).toBeNull();
  });

  it('falls back to the handshake topic for a peer without the stream protocol', async () => {
    const plain = await startTestPeer({ address: '127.0.0.19' });
    peers.push(plain);
    const received: string[] = [];
    plain.services.pubsub.subscribe(HANDSHAKE_TOPIC);
    plain.services.pubsub.addEventListener('message', (event) => {
      if (event.detail.topic !== HANDSHAKE_TOPIC) return;
      const opened = openPayload(event.detail.data, { envelope: true, maxBytes: 1_048_576 });
      const message = opened.ok && handshakeMessageCodec.decode(opened.value.payload, 1_048_576);
      if (message && message.ok) received.push(`${message.value.type} ${message.value.peerId}`);
    });
    await plain.dial(multiaddr(a.multiaddr));
    await waitFor('A’s version on the handshake topic', () =>
      received.includes(`version ${a.peerId}`),
    );
  });

  it('on the handshake topic too, records a version only from its own network', async () => {
    const plain = peers[1]!;
    const publish = (topicPrefix: string, userAgent: string) =>
      plain.services.pubsub.publish(
        HANDSHAKE_TOPIC,
        sealPayload(
          handshakeMessageCodec.encode(
            handshakeMessageCodec.create({
              type: 'version',
              peerId: plain.peerId.toString(),
              bestHeight: 77,
              userAgent,
              topicPrefix,
            }),
          ),
          { envelope: true, name: 'plain' },
        ),
      );
    await publish('teranode/bitcoin/1.0.0/mainnet', 'foreign-on-topic');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await subVerOf(clientA, plain.peerId.toString())).toBe('');
    await publish('teranode/bitcoin/1.0.0/regtest', 'same-network-on-topic');
    await waitFor(
      'A to record the version from the topic',
      async () => (await subVerOf(clientA, plain.peerId.toString())) === 'same-network-on-topic',
    );
  });
});
