import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { sealPayload } from '@teranode-p2p/gossip';
import { gossip_node } from '@teranode-p2p/contracts';
import { requireKafka, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import {
  newNodeKey,
  startNodeProcess,
  waitForPeers,
  type NodeProcess,
} from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { blockGossip, PUBLIC_HUB } from './support/gossip-fixtures.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';

const BLOCK_TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';
const TOPICS = ['block', 'subtree', 'node_status', 'rejected_tx'].map(
  (name) => `teranode/bitcoin/1.0.0/regtest-${name}`,
);
const HASH = '0000000000000000000000000000000000000000000000000000000000abcdef';

// Three gossip-node processes on 127.0.0.2-4 in a chain of static peers (C → B → A), the
// test's own peer attached to A, the real broker behind each node. A and B check signatures
// on a worker thread (one worker, always used: gossip_node_signature_offload_busy_percent=0),
// C on its event loop (gossip_node_signature_workers=0).
describe('a mesh of three gossip-node processes', () => {
  let brokers: string[];
  let collector: P2pEventCollector;
  const nodes: NodeProcess[] = [];
  let peer: Libp2pHost;

  beforeAll(async () => {
    brokers = await requireKafka();
    let common: Record<string, string>;
    ({ collector, env: common } = await collectEvents(brokers));
    let previous: NodeProcess | undefined;
    for (const [index, address] of ['127.0.0.2', '127.0.0.3', '127.0.0.4'].entries()) {
      const key = await newNodeKey();
      const node = await startNodeProcess(
        {
          ...common,
          clientName: `node${index}`,
          // node_status names it: peers reject a localhost base_url (asset_httpAddress's default)
          asset_httpPublicAddress: `https://node${index}.example/api/v1`,
          p2p_private_key: key.hex,
          ...(previous ? { p2p_static_peers: previous.multiaddr } : {}),
          ...(index === 2
            ? { gossip_node_signature_workers: '0' }
            : { gossip_node_signature_offload_busy_percent: '0' }),
        },
        { address },
      );
      expect(node.peerId).toBe(key.peerId);
      nodes.push(node);
      previous = node;
    }
    await waitForPeers(nodes[1]!, 2);
    peer = await startTestPeer();
    await dialAndSubscribe(peer, nodes[0]!.multiaddr, TOPICS);
  }, 90_000);

  afterAll(async () => {
    await peer?.stop();
    await Promise.all(nodes.map((node) => node.app.stop()));
    await collector?.stop();
  });

  it('delivers a block announcement to every node, and each puts it on p2p.events exactly once', async () => {
    // The mesh of the far node needs a heartbeat or two after subscriptions are exchanged.
    await waitFor(
      'node C to see the block topic',
      async () => (await nodes[2]!.metric('gossip_node_connected_peers')) >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await peer.services.pubsub.publish(BLOCK_TOPIC, blockGossip(peer, { hash: HASH, height: 7 }));
    const receivers = nodes.map((n) => n.peerId).sort();
    await waitFor(
      'three block events',
      () => collector.events.filter((e) => e.event.block?.hash === HASH).length >= 3,
      {
        timeoutMs: 15_000,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // duplicates would show up here
    const blocks = collector.events.filter((e) => e.event.block?.hash === HASH);
    expect(blocks.map((e) => e.event.receiver_peer_id).sort()).toEqual(receivers);
    for (const { key, event } of blocks) {
      expect(key).toBe(HASH);
      expect(event).toMatchObject({
        sender_peer_id: peer.peerId.toString(),
        topic: BLOCK_TOPIC,
        block: {
          hash: HASH,
          height: 7,
          data_hub_url: PUBLIC_HUB,
          peer_id: peer.peerId.toString(),
          header: '',
          coinbase: '',
        },
      });
    }
  }, 40_000);

  it('rejects garbage on every topic, keeps running and keeps relaying', async () => {
    const MIB = 1_048_576;
    const wrap = (json: string) =>
      sealPayload(new TextEncoder().encode(json), { envelope: true, name: 'evil' });
    const garbage: [string, Uint8Array][] = [
      ['bad envelope', new TextEncoder().encode('{not json')],
      ['bad JSON inside', wrap('{"Hash":')],
      ['wrong types', wrap('{"Hash":5,"Height":"x","best_height":"x","TxID":[],"type":1}')],
      [
        'bad hash',
        wrap(
          JSON.stringify({
            Hash: 'zz',
            TxID: 'zz',
            DataHubURL: PUBLIC_HUB,
            PeerID: peer.peerId.toString(),
            peer_id: peer.peerId.toString(),
          }),
        ),
      ],
      ['an array', wrap('[1,2,3]')],
      ['not an envelope: 1 MiB of spaces', new Uint8Array(MIB - 4096).fill(0x20)],
      // 0.9 MiB inside, 1.2 MiB as an envelope: over the limit, under the 2 MiB frame limit
      ['over p2p_max_message_size', wrap(`{"Hash":"${'a'.repeat(Math.round(0.9 * MIB))}"}`)],
    ];
    const before = await nodes[0]!.metric('gossip_node_gossip_messages_total', 'outcome="reject"');
    const reportsBefore = await nodes[0]!.metric('gossip_node_score_reports_total');
    for (const topic of TOPICS) {
      for (const [, data] of garbage) await peer.services.pubsub.publish(topic, data);
    }
    // 7 × 4, less one: a bad hash means nothing to node_status (unknown keys are ignored)
    let rejected = 0;
    await waitFor('node A to reject all garbage', async () => {
      rejected =
        (await nodes[0]!.metric('gossip_node_gossip_messages_total', 'outcome="reject"')) - before;
      return rejected >= 27;
    }).catch((error: Error) =>
      Promise.reject(new Error(`${error.message} (${rejected} rejected)`)),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      (await nodes[0]!.metric('gossip_node_gossip_messages_total', 'outcome="reject"')) - before,
    ).toBe(27);
    // each oversized one counted as such, and every rejected sender reported for a ban score
    expect(await nodes[0]!.metric('gossip_node_gossip_messages_total', 'reason="too_large"')).toBe(
      4,
    );
    await waitFor(
      'a score report per rejected message',
      async () => (await nodes[0]!.metric('gossip_node_score_reports_total')) - reportsBefore >= 27,
    );
    // rejected messages are not forwarded: B and C never see them
    expect(await nodes[1]!.metric('gossip_node_gossip_messages_total', 'outcome="reject"')).toBe(0);

    // a 2 MiB payload makes a frame over the inbound limit (2 × p2p_max_message_size):
    // gossipsub drops the stream before decoding it; the node keeps running and scores the sender
    const scoredBefore = await nodes[0]!.metric('gossip_node_score_reports_total');
    await peer.services.pubsub.publish(BLOCK_TOPIC, new Uint8Array(2 * MIB).fill(0x7b));
    await waitFor(
      'node A to count the oversized frame',
      async () => (await nodes[0]!.metric('gossip_node_gossip_oversized_frames_total')) === 1,
    );
    await waitFor(
      'a score report for the oversized frame',
      async () => (await nodes[0]!.metric('gossip_node_score_reports_total')) - scoredBefore === 1,
    );
    for (const node of nodes) {
      expect(node.app.process.exitCode).toBeNull();
      expect((await fetch(`${node.httpUrl}/metrics`)).status).toBe(200);
    }

    const hash = '00000000000000000000000000000000000000000000000000000000000a11e2';
    const relay = await startTestPeer();
    try {
      await dialAndSubscribe(relay, nodes[2]!.multiaddr, TOPICS);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await relay.services.pubsub.publish(BLOCK_TOPIC, blockGossip(relay, { hash, height: 8 }));
      await waitFor(
        'the block after the garbage at all three nodes',
        () => collector.events.filter((e) => e.event.block?.hash === hash).length === 3,
      );
    } finally {
      await relay.stop();
    }
    expect(collector.events.filter((e) => e.event.block?.hash === 'zz')).toHaveLength(0);
  }, 60_000);

  it('drops a message whose signature does not verify, and takes the same peer’s next good one', async () => {
    const real = await generateKeyPair('Ed25519');
    let forge = false;
    // the same key, except that while `forge` is set its signatures have one bit flipped
    const forging = Object.create(real, {
      sign: {
        value: (data: Uint8Array) => {
          const signature = Uint8Array.from(real.sign(data) as Uint8Array);
          if (forge) signature[10]! ^= 0x01;
          return signature;
        },
      },
    }) as PrivateKey;
    const forger = await startTestPeer({ privateKey: forging });
    const signatureChecks = (node: NodeProcess, result: string) =>
      node.metric('gossip_node_signature_verifications_total', `result="${result}"`);
    try {
      await dialAndSubscribe(forger, nodes[0]!.multiaddr, TOPICS);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const invalidBefore = await signatureChecks(nodes[0]!, 'invalid');
      const forged = '00000000000000000000000000000000000000000000000000000000000f0f0f';
      const good = '00000000000000000000000000000000000000000000000000000000000600d0';
      const announce = (hash: string) =>
        forger.services.pubsub.publish(
          BLOCK_TOPIC,
          blockGossip(forger, { hash, height: 9 }, 'forger'),
        );
      const reportsBefore = await nodes[0]!.metric('gossip_node_score_reports_total');
      forge = true;
      await announce(forged);
      await waitFor(
        'node A to find the forged signature invalid',
        async () => (await signatureChecks(nodes[0]!, 'invalid')) > invalidBefore,
      );
      // the forwarding peer is scored, and the message counted as rejected
      await waitFor(
        'a score report for the forged message',
        async () =>
          (await nodes[0]!.metric('gossip_node_score_reports_total')) - reportsBefore === 1,
      );
      expect(
        await nodes[0]!.metric('gossip_node_gossip_messages_total', 'reason="bad_signature"'),
      ).toBe(1);
      forge = false;
      await announce(good);
      await waitFor(
        'the good block at all three nodes',
        () => collector.events.filter((e) => e.event.block?.hash === good).length === 3,
      );
      expect(collector.events.filter((e) => e.event.block?.hash === forged)).toHaveLength(0);
      // A and B checked on their worker thread, C on its event loop
      for (const node of nodes.slice(0, 2))
        expect(
          await node.metric('gossip_node_signature_verifications_total', 'thread="worker"'),
        ).toBeGreaterThan(0);
      expect(
        await nodes[1]!.metric('gossip_node_signature_verifications_total', 'thread="event_loop"'),
      ).toBe(0);
      expect(await nodes[2]!.metric('gossip_node_signature_verifications_total')).toBe(0);
    } finally {
      await forger.stop();
    }
  }, 40_000);

  it('publishes through one node’s gRPC API to the others, exactly once each, and not to itself', async () => {
    const hash = '00000000000000000000000000000000000000000000000000000000000b10c5';
    const client = new gossip_node.GossipNodeClient(nodes[0]!.grpcAddress, insecure());
    try {
      const answer = await unary<object, gossip_node.PublishResponse>(client, 'publish', {
        block: { hash, height: 9, data_hub_url: 'http://a', peer_id: '', header: '', coinbase: '' },
      });
      expect(answer.topic).toBe(BLOCK_TOPIC);
    } finally {
      client.close();
    }
    const events = () => collector.events.filter((e) => e.event.block?.hash === hash);
    await waitFor('B and C to put the block on the bus', () => events().length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(
      events()
        .map((e) => e.event.receiver_peer_id)
        .sort(),
    ).toEqual([nodes[1]!.peerId, nodes[2]!.peerId].sort());
    for (const { event } of events()) {
      expect(event.sender_peer_id).toBe(nodes[0]!.peerId);
      expect(event.block?.peer_id).toBe(nodes[0]!.peerId);
    }
  }, 30_000);
});
