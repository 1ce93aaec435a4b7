import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  blockchain_api,
  blocksTopic,
  DLQ_HEADERS,
  p2pEventsTopic,
  subtreesTopic,
} from '@teranode-p2p/contracts';
import { waitFor } from '@teranode-p2p/testing';
import {
  API_KEY,
  blockEvent,
  DATA_HUB,
  encodeEvent,
  hashOf,
  invalidBlock,
  invalidSubtree,
  metric,
  OTHER_PEER,
  RECEIVER,
  rejectedTx,
  SENDER,
  subtreeEvent,
} from './support/bridge-fixture.js';
import { startBridgeRig, type BridgeRig } from './support/bridge-rig.js';

// Every flow end to end: the built bridge as its own process, the real broker, real gRPC
// servers standing in for ban-service, gossip-node and the blockchain service.
describe('kafka-bridge flows', () => {
  let rig: BridgeRig;
  const records = (topic: string, outcome: string) =>
    metric(rig.bridge.metricsUrl, 'kafka_bridge_records_total', { topic, outcome });

  beforeAll(async () => {
    // Keyed as Teranode v0.11 keyed them; embedded.spec checks today's hex keys.
    rig = await startBridgeRig({
      grpcUp: true,
      read: (t) => [t.KAFKA_BLOCKS, t.KAFKA_SUBTREES, t.KAFKA_DLQ],
      env: { kafka_announcement_key: 'hash-bytes' },
    });
  }, 120_000);

  afterAll(() => rig?.close());

  it('forwards block and subtree announcements as Teranode records keyed by the raw hash (kafka_announcement_key=hash-bytes)', async () => {
    const genesis = '000000000019D6689C085AE165831E934FF763AE46A2A6C172B3F1B60A8CE26F';
    const subtree = '4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d';
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [
      blockEvent(genesis),
      subtreeEvent(subtree),
    ]);
    const [block] = await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, 1);
    const [sub] = await rig.reader.waitFor(rig.topics.KAFKA_SUBTREES, 1);
    expect(block!.key!.toString('hex')).toBe(
      '6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000',
    );
    expect(blocksTopic.decode(block!.value!)).toEqual({
      hash: genesis.toLowerCase(),
      URL: DATA_HUB,
      peer_id: SENDER,
    });
    expect(sub!.key!.equals(Buffer.from(subtree, 'hex').reverse())).toBe(true);
    expect(subtreesTopic.decode(sub!.value!)).toEqual({
      hash: subtree,
      URL: DATA_HUB,
      peer_id: SENDER,
    });
  }, 60_000);

  it('charges an invalid block and an invalid subtree to the peer that announced it', async () => {
    const block = hashOf(1, 1);
    const subtree = hashOf(2, 1);
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [
      blockEvent(block, OTHER_PEER),
      subtreeEvent(subtree, SENDER),
    ]);
    await rig.reader.waitFor(rig.topics.KAFKA_SUBTREES, 2);
    await rig.writer.send(rig.topics.KAFKA_INVALID_BLOCKS, [invalidBlock(block.toUpperCase())]);
    await rig.writer.send(rig.topics.KAFKA_INVALID_SUBTREES, [invalidSubtree(subtree)]);
    await waitFor('two scores', () => rig.grpc.scores.length >= 2, { timeoutMs: 20_000 });
    expect(rig.grpc.scores).toEqual(
      expect.arrayContaining([
        { peer_id: OTHER_PEER, reason: 'invalid_block', apiKey: API_KEY },
        { peer_id: SENDER, reason: 'invalid_subtree', apiKey: API_KEY },
      ]),
    );
  }, 60_000);

  it('falls back to the peer serving peerUrl for an invalid subtree it never saw announced', async () => {
    const url = 'https://other.example.com/api/v1';
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [
      encodeEvent({
        sender_peer_id: OTHER_PEER,
        node_status: { base_url: url, peer_id: OTHER_PEER } as never,
      }),
      blockEvent(hashOf(3, 1)), // a forwarded record after it: the node_status was handled
    ]);
    await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, 3);
    const before = rig.grpc.scores.length;
    await rig.writer.send(rig.topics.KAFKA_INVALID_SUBTREES, [invalidSubtree(hashOf(4, 1), url)]);
    await waitFor('the score', () => rig.grpc.scores.length > before, { timeoutMs: 20_000 });
    expect(rig.grpc.scores.at(-1)).toEqual({
      peer_id: OTHER_PEER,
      reason: 'invalid_subtree',
      apiKey: API_KEY,
    });
  }, 60_000);

  it('logs and counts an invalid hash nobody announced, without scoring anybody', async () => {
    const before = rig.grpc.scores.length;
    await rig.writer.send(rig.topics.KAFKA_INVALID_BLOCKS, [invalidBlock(hashOf(99, 9))]);
    await rig.writer.send(rig.topics.KAFKA_INVALID_SUBTREES, [
      invalidSubtree(hashOf(98, 9), 'https://nobody/'),
    ]);
    await waitFor(
      'both counted as unknown',
      async () =>
        (await records(rig.topics.KAFKA_INVALID_BLOCKS, 'unknown_hash')) === 1 &&
        (await records(rig.topics.KAFKA_INVALID_SUBTREES, 'unknown_hash')) === 1,
      { timeoutMs: 20_000 },
    );
    expect(rig.grpc.scores.length).toBe(before);
    expect(rig.bridge.output()).toContain(`no announcer known for invalid block ${hashOf(99, 9)}`);
  }, 60_000);

  it("neither forwards nor charges the node's own node_status: a subtree fetched from its own URL scores nobody", async () => {
    const ownUrl = 'https://this-node.example.com/api/v1';
    const blocks = rig.reader.on(rig.topics.KAFKA_BLOCKS).length;
    const unknown = await records(rig.topics.KAFKA_INVALID_SUBTREES, 'unknown_hash');
    const before = rig.grpc.scores.length;
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [
      // gossip-node's own status: sent by the node to itself
      encodeEvent({
        sender_peer_id: RECEIVER,
        receiver_peer_id: RECEIVER,
        topic: 'teranode/bitcoin/1.0.0/mainnet-node_status',
        node_status: { base_url: ownUrl, peer_id: RECEIVER } as never,
      }),
      blockEvent(hashOf(6, 2)), // a forwarded record after it: the node_status was handled
    ]);
    await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, blocks + 1);
    await rig.writer.send(rig.topics.KAFKA_INVALID_SUBTREES, [
      invalidSubtree(hashOf(7, 2), ownUrl),
    ]);
    await waitFor(
      'the invalid subtree counted as unknown',
      async () => (await records(rig.topics.KAFKA_INVALID_SUBTREES, 'unknown_hash')) > unknown,
      { timeoutMs: 20_000 },
    );
    expect(rig.grpc.scores.length).toBe(before);
    expect(rig.reader.on(rig.topics.KAFKA_BLOCKS).length).toBe(blocks + 1);
  }, 60_000);

  it("forwards a low-reputation sender's block but not its subtree (skip_processing)", async () => {
    const blocks = rig.reader.on(rig.topics.KAFKA_BLOCKS).length;
    const subtrees = rig.reader.on(rig.topics.KAFKA_SUBTREES).length;
    const [skipped, block, plain] = [hashOf(10, 1), hashOf(10, 2), hashOf(10, 3)];
    const flagged = (record: Buffer) =>
      encodeEvent({ ...p2pEventsTopic.decode(record), skip_processing: true });
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [
      flagged(subtreeEvent(skipped)),
      flagged(blockEvent(block)),
      subtreeEvent(plain), // after them: the flagged subtree was handled by then
    ]);
    await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, blocks + 1);
    await rig.reader.waitFor(rig.topics.KAFKA_SUBTREES, subtrees + 1);
    const hashes = (topic: string, from: number) =>
      rig.reader
        .on(topic)
        .slice(from)
        .map((r) => blocksTopic.decode(r.value!).hash);
    expect(hashes(rig.topics.KAFKA_BLOCKS, blocks)).toEqual([block]);
    expect(hashes(rig.topics.KAFKA_SUBTREES, subtrees)).toEqual([plain]);
  }, 60_000);

  it('asks gossip-node to publish a transaction this node rejected, and ignores other peers’ rejections', async () => {
    const mine = hashOf(5, 1);
    await rig.writer.send(rig.topics.KAFKA_REJECTEDTX, [
      rejectedTx(hashOf(6, 1), OTHER_PEER),
      rejectedTx(mine.toUpperCase()),
    ]);
    await waitFor('the publish', () => rig.grpc.published.length >= 1, { timeoutMs: 20_000 });
    expect(rig.grpc.published).toEqual([
      { rejected_tx: { tx_id: mine, reason: 'double spend', peer_id: '' } },
    ]);
    await waitFor(
      'the external one counted',
      async () => (await records(rig.topics.KAFKA_REJECTEDTX, 'skipped_external')) === 1,
    );
  }, 60_000);

  it('skips invalid-block and rejected-tx reports while the blockchain is syncing', async () => {
    const block = hashOf(7, 1);
    const blocks = rig.reader.on(rig.topics.KAFKA_BLOCKS).length;
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [blockEvent(block)]);
    await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, blocks + 1);
    rig.grpc.fsmState = blockchain_api.FSMStateType.CATCHINGBLOCKS;
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // the bridge trusts an answer for 1 s
    const scores = rig.grpc.scores.length;
    const published = rig.grpc.published.length;
    await rig.writer.send(rig.topics.KAFKA_INVALID_BLOCKS, [invalidBlock(block)]);
    await rig.writer.send(rig.topics.KAFKA_REJECTEDTX, [rejectedTx(hashOf(8, 1))]);
    await waitFor(
      'both skipped',
      async () =>
        (await records(rig.topics.KAFKA_INVALID_BLOCKS, 'skipped_syncing')) === 1 &&
        (await records(rig.topics.KAFKA_REJECTEDTX, 'skipped_syncing')) === 1,
      { timeoutMs: 20_000 },
    );
    expect(rig.grpc.scores.length).toBe(scores);
    expect(rig.grpc.published.length).toBe(published);

    rig.grpc.fsmState = blockchain_api.FSMStateType.RUNNING;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await rig.writer.send(rig.topics.KAFKA_INVALID_BLOCKS, [invalidBlock(block)]);
    await waitFor('scored once running', () => rig.grpc.scores.length === scores + 1, {
      timeoutMs: 20_000,
    });
  }, 60_000);

  it('sends garbage on every consumed topic to the dead-letter topic and handles the next good record', async () => {
    const garbage = Buffer.from('not protobuf at all');
    const consumed = [
      rig.topics.KAFKA_P2P_EVENTS,
      rig.topics.KAFKA_INVALID_BLOCKS,
      rig.topics.KAFKA_INVALID_SUBTREES,
      rig.topics.KAFKA_REJECTEDTX,
    ];
    const announced = hashOf(10, 1);
    const scores = rig.grpc.scores.length;
    const published = rig.grpc.published.length;
    const blocks = rig.reader.on(rig.topics.KAFKA_BLOCKS).length;
    for (const topic of consumed) await rig.writer.send(topic, [garbage], () => 'garbage-key');
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [Buffer.alloc(0), blockEvent(announced)]);
    await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, blocks + 1);
    await rig.writer.send(rig.topics.KAFKA_INVALID_BLOCKS, [invalidBlock('zz-not-hex')]);
    await rig.writer.send(rig.topics.KAFKA_INVALID_BLOCKS, [invalidBlock(announced)]);
    await rig.writer.send(rig.topics.KAFKA_REJECTEDTX, [rejectedTx(hashOf(11, 1))]);
    await waitFor(
      'good records after the garbage',
      () => rig.grpc.scores.length > scores && rig.grpc.published.length > published,
      { timeoutMs: 20_000 },
    );

    const letters = await rig.reader.waitFor(rig.topics.KAFKA_DLQ, 6);
    const byTopic = (t: string) =>
      letters.filter((l) => l.headers[DLQ_HEADERS.topic]?.toString() === t);
    for (const topic of consumed) {
      const [letter] = byTopic(topic);
      expect(letter).toBeDefined();
      expect(letter!.value).toEqual(garbage);
      expect(letter!.key!.toString()).toBe('garbage-key');
      expect(letter!.headers[DLQ_HEADERS.partition]!.toString()).toBe('0');
      expect(letter!.headers[DLQ_HEADERS.offset]!.toString()).toMatch(/^\d+$/);
      expect(letter!.headers[DLQ_HEADERS.error]!.toString()).toContain('not a protobuf');
      expect(letter!.headers[DLQ_HEADERS.service]!.toString()).toBe('kafka-bridge');
    }
    expect(
      byTopic(rig.topics.KAFKA_P2P_EVENTS).map((l) => l.headers[DLQ_HEADERS.error]!.toString()),
    ).toEqual([
      expect.stringContaining('not a protobuf P2PEvent'),
      'empty record, expected P2PEvent',
    ]);
    expect(
      byTopic(rig.topics.KAFKA_INVALID_BLOCKS).map((l) => l.headers[DLQ_HEADERS.error]!.toString()),
    ).toEqual([
      expect.stringContaining('not a protobuf KafkaInvalidBlockTopicMessage'),
      'blockHash: hash "zz-not-hex" is not hexadecimal',
    ]);
    expect(rig.bridge.process.exitCode).toBeNull();
  }, 60_000);

  it('shows the size of each hash → peer map on /metrics', async () => {
    expect(
      await metric(rig.bridge.metricsUrl, 'kafka_bridge_peer_map_entries', { map: 'block' }),
    ).toBeGreaterThan(0);
    expect(
      await metric(rig.bridge.metricsUrl, 'kafka_bridge_peer_map_entries', { map: 'data_hub_url' }),
    ).toBe(2);
    const text = await (await fetch(rig.bridge.metricsUrl)).text();
    expect(text).toContain('kafka_bridge_peer_map_dropped_total');
    expect(text).toContain('kafka_bridge_pending_retries');
  });
});
