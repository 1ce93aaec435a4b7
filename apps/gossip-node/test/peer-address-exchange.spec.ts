import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PeerId } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { gossipTopicName } from '@teranode-p2p/config';
import { publishNodeStatus, requireKafka, waitFor } from '@teranode-p2p/testing';
import { PEER_ADDRESS_PROTOCOL } from '../src/discovery/peer-address-exchange.js';
import { readToEnd } from '../src/host/stream-reads.js';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { startTestPeer } from './support/test-peer.js';

const NODE_STATUS_TOPIC = gossipTopicName('mainnet', 'node_status');
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

// Teranode's message bus (go-p2p-message-bus ≥ v0.1.6) asks its peers for the addresses of
// gossip authors it is not connected to, over /p2p-msg-bus/peer-addr-request/1.0.0: the ID as
// text, then whatever the first read brings; the answer is a JSON array, then the stream closes.
describe('peer address exchange', () => {
  let brokers: string[];
  let hub: NodeProcess;
  let far: Libp2pHost;
  let asker: Libp2pHost;
  const nodes: NodeProcess[] = [];
  let publishing: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    brokers = await requireKafka();
    hub = await startNodeProcess(
      {
        KAFKA_BROKERS: brokers.join(','),
        p2p_private_key: (await newNodeKey()).hex,
        p2p_min_peers: '0',
      },
      { address: '127.0.0.90' },
    );
    nodes.push(hub);
    far = await startTestPeer({ address: '127.0.0.91' });
    asker = await startTestPeer({ address: '127.0.0.92' });
    await far.dial(multiaddr(hub.multiaddr));
    await asker.dial(multiaddr(hub.multiaddr));
    // The hub knows the far peer's listen address once identify has run.
    await waitFor('the hub to have 2 peers', async () =>
      (await hub.metric('gossip_node_connected_peers')) >= 2 ? true : undefined,
    );
  }, 60_000);

  afterAll(async () => {
    clearInterval(publishing);
    await Promise.all(nodes.map((node) => node.app.stop()));
    await far?.stop();
    await asker?.stop();
  });

  /** Asks the hub as Teranode does: writes the ID without closing, reads the answer to its end. */
  async function ask(what: string): Promise<string> {
    const stream = await asker.dialProtocol(peerIdFromString(hub.peerId), PEER_ADDRESS_PROTOCOL);
    stream.send(new TextEncoder().encode(what));
    return text(await readToEnd(stream, 8192, 5000));
  }

  it('answers with the addresses it knows for a peer, [] for one it does not know', async () => {
    const answer = await waitFor("the far peer's address", async () => {
      const found = JSON.parse(await ask(far.peerId.toString())) as string[];
      return found.length > 0 ? found : undefined;
    });
    expect(answer).toEqual(
      far.getMultiaddrs().map((address) => address.toString().split('/p2p/')[0]),
    );
    expect(await ask((await newNodeKey()).peerId)).toBe('[]');
    expect(
      await hub.metric('gossip_node_peer_address_requests_answered_total', 'outcome="unknown"'),
    ).toBe(1);
  }, 30_000);

  it('refuses a request that is not a peer ID, and keeps answering', async () => {
    const stream = await asker.dialProtocol(peerIdFromString(hub.peerId), PEER_ADDRESS_PROTOCOL);
    stream.send(new TextEncoder().encode('\u0000not a peer id\u00ff'));
    await expect(readToEnd(stream, 8192, 5000)).rejects.toThrow();
    await waitFor('the refusal counted', async () =>
      (await hub.metric(
        'gossip_node_peer_address_requests_answered_total',
        'outcome="refused"',
      )) === 1
        ? true
        : undefined,
    );
    expect(JSON.parse(await ask(far.peerId.toString()))).not.toEqual([]);
  }, 30_000);

  it('with p2p_dht_mode off, connects to a gossip author it only hears through its peers', async () => {
    const lonely = await startNodeProcess(
      {
        KAFKA_BROKERS: brokers.join(','),
        p2p_private_key: (await newNodeKey()).hex,
        p2p_min_peers: '0',
        p2p_dht_mode: 'off',
        p2p_static_peers: hub.multiaddr,
      },
      { address: '127.0.0.93' },
    );
    nodes.push(lonely);
    const lonelyId: PeerId = peerIdFromString(lonely.peerId);
    far.services.pubsub.subscribe(NODE_STATUS_TOPIC);
    publishing = setInterval(
      () =>
        void publishNodeStatus(far, NODE_STATUS_TOPIC, { bestHeight: 1, clientName: 'far' }).catch(
          () => undefined,
        ),
      1000,
    );
    // Its own discovery round comes every 15 s (Teranode's interval).
    await waitFor('the node to dial the far peer', () => far.getConnections(lonelyId).length > 0, {
      timeoutMs: 45_000,
    });
    expect(await lonely.metric('gossip_node_topic_peer_lookups_total', 'outcome="dialled"')).toBe(
      1,
    );
    expect(lonely.app.output()).toContain(`connected to topic peer ${far.peerId.toString()}`);
  }, 90_000);
});
