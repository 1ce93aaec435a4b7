import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { GOSSIP_SIZE_LIMITS, sealPayload } from '@teranode-p2p/gossip';
import { numberedHash, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { PUBLIC_HUB } from './support/gossip-fixtures.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const TOPIC = {
  block: 'teranode/bitcoin/1.0.0/regtest-block',
  subtree: 'teranode/bitcoin/1.0.0/regtest-subtree',
  nodeStatus: 'teranode/bitcoin/1.0.0/regtest-node_status',
  rejectedTx: 'teranode/bitcoin/1.0.0/regtest-rejected_tx',
} as const;
type Kind = keyof typeof TOPIC;

/** `fields` as Teranode's JSON of exactly `size` bytes (a key Teranode does not read pads it). */
function jsonOfSize(fields: object, size: number): string {
  const bare = JSON.stringify({ ...fields, Padding: '' });
  return JSON.stringify({ ...fields, Padding: 'x'.repeat(size - bare.length) });
}

interface Node {
  readonly process: NodeProcess;
  readonly banService: BanServiceDouble;
}

// Two gossip-node processes, one as shipped (p2p_allow_private_ips=false) and one as the local
// network runs (true), each with a ban-service double; a libp2p test peer in the mesh of both
// sends each message once, so both judge the same bytes. Teranode's checks (reference-peer-
// registry.md §7.2, §3.5): per-topic size limits before parsing, the payload's PeerID against
// the signed author, the DataHub / base URL against internal addresses.
describe('gossip validation against a real libp2p peer', () => {
  let strict: Node;
  let permissive: Node;
  let peer: Libp2pHost;
  let author: string;

  const startNode = async (allowPrivateIps: boolean): Promise<Node> => {
    const banService = await startBanServiceDouble();
    const process = await startNodeProcess({
      network: 'regtest',
      ban_service_grpc_address: banService.address,
      p2p_private_key: (await newNodeKey()).hex,
      p2p_min_peers: '0',
      p2p_dht_mode: 'off',
      p2p_allow_private_ips: String(allowPrivateIps),
    });
    return { process, banService };
  };
  const messages = (node: Node, kind: Kind, outcome: string, reason = '') =>
    node.process.metric(
      'gossip_node_gossip_messages_total',
      `kind="${kind}",outcome="${outcome}",reason="${reason}"`,
    );
  const scores = (node: Node) =>
    node.banService.calls.filter((call) => call.method === 'addScore').map((call) => call.request);
  const send = (kind: Kind, json: string) =>
    peer.services.pubsub.publish(
      TOPIC[kind],
      sealPayload(new TextEncoder().encode(json), { envelope: true, name: 'tester' }),
    );
  const block = (n: number, fields: object = {}) =>
    JSON.stringify({
      Hash: numberedHash(n),
      Height: n,
      DataHubURL: PUBLIC_HUB,
      PeerID: author,
      ...fields,
    });

  beforeAll(async () => {
    strict = await startNode(false);
    permissive = await startNode(true);
    peer = await startTestPeer();
    author = peer.peerId.toString();
    for (const node of [strict, permissive])
      await dialAndSubscribe(peer, node.process.multiaddr, Object.values(TOPIC));
    // gossipsub's mesh (public on the class, not in the GossipSub interface): a message is sent
    // to both nodes once both are in it
    const mesh = peer.services.pubsub as unknown as { getMeshPeers(topic: string): string[] };
    await waitFor('both nodes in the test peer’s mesh of every topic', () =>
      Object.values(TOPIC).every((topic) => mesh.getMeshPeers(topic).length === 2),
    );
  }, 90_000);

  afterAll(async () => {
    await peer?.stop();
    for (const node of [strict, permissive]) {
      await node?.process.app.stop();
      await node?.banService.stop();
    }
  });

  it('rejects oversized, spoofed and private-URL messages, counts and scores each, and takes the next good one', async () => {
    const other = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString();
    const limit = GOSSIP_SIZE_LIMITS;
    // one byte over each topic's limit (the subtree not even JSON: the size is checked first)
    await send('block', jsonOfSize(JSON.parse(block(1)), limit.block! + 1));
    await send('subtree', '{'.repeat(limit.subtree! + 1));
    await send(
      'nodeStatus',
      jsonOfSize(
        { type: 'node_status', peer_id: author, base_url: PUBLIC_HUB },
        limit.nodeStatus! + 1,
      ),
    );
    await send(
      'rejectedTx',
      jsonOfSize({ TxID: numberedHash(2), Reason: 'r', PeerID: author }, limit.rejectedTx! + 1),
    );
    // a payload naming another peer than the key that signed it
    await send('block', block(3, { PeerID: other }));
    // DataHub and base URLs at a loopback and a private address
    await send('block', block(4, { DataHubURL: 'http://127.0.0.1:18090/api/v1' }));
    await send(
      'nodeStatus',
      JSON.stringify({
        type: 'node_status',
        peer_id: author,
        base_url: 'http://192.168.1.20:8090',
        best_height: 4,
        best_block_hash: numberedHash(4),
      }),
    );

    await waitFor('the strict node to score all seven', () => scores(strict).length >= 7);
    await waitFor('the permissive node to score five', () => scores(permissive).length >= 5);
    for (const kind of ['block', 'subtree', 'nodeStatus', 'rejectedTx'] as const)
      for (const node of [strict, permissive])
        expect([kind, await messages(node, kind, 'reject', 'too_large')]).toEqual([kind, 1]);
    for (const node of [strict, permissive])
      expect(await messages(node, 'block', 'reject', 'peer_id_mismatch')).toBe(1);
    expect(await messages(strict, 'block', 'reject', 'private_url')).toBe(1);
    expect(await messages(strict, 'nodeStatus', 'reject', 'private_url')).toBe(1);
    expect(
      await strict.process.metric('gossip_node_gossip_messages_total', 'outcome="accept"'),
    ).toBe(0);
    // nothing rejected made the peer known to the strict node (Teranode: no LastMessageTime)
    expect(await strict.process.metric('gossip_node_peer_registry_size')).toBe(0);
    // with p2p_allow_private_ips the same URLs are fine
    expect(await messages(permissive, 'block', 'reject', 'private_url')).toBe(0);
    expect(await messages(permissive, 'block', 'accept')).toBe(1);
    expect(await messages(permissive, 'nodeStatus', 'accept')).toBe(1);
    // every rejection is one protocol_violation report naming the author
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(scores(strict)).toEqual(
      Array(7).fill({ peer_id: author, reason: 'protocol_violation' }),
    );
    expect(scores(permissive)).toEqual(
      Array(5).fill({ peer_id: author, reason: 'protocol_violation' }),
    );

    // the same peer's next announcement, at exactly the block limit, is taken by both
    await send('block', jsonOfSize(JSON.parse(block(5)), limit.block!));
    await waitFor(
      'the good block at the strict node',
      async () => (await messages(strict, 'block', 'accept')) === 1,
    );
    await waitFor(
      'the good block at the permissive node',
      async () => (await messages(permissive, 'block', 'accept')) === 2,
    );
    expect(await strict.process.metric('gossip_node_peer_registry_size')).toBe(1);
    expect(scores(strict)).toHaveLength(7);
  }, 60_000);
});
