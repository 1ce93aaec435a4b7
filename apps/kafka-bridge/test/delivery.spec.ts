import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { blocksTopic, DLQ_HEADERS, invalidBlocksTopic } from '@teranode-p2p/contracts';
import { KafkaMessageBus } from '@teranode-p2p/kafka';
import { freePort, requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import {
  blockEvent,
  blockEventRecords,
  freshTopics,
  hashOf,
  invalidBlock,
  metric,
  OTHER_PEER,
  RecordWriter,
  SENDER,
  spawnBridge,
  THIRD_PEER,
  TopicReader,
} from './support/bridge-fixture.js';
import { startBridgeRig, type BridgeRig } from './support/bridge-rig.js';
import { TeranodeGrpcServers } from './support/teranode-grpc-servers.js';

// Failures of the services the bridge calls: transient ones are retried with backoff while
// the other partitions keep flowing, permanent ones and exhausted retries go to the DLQ.
describe('kafka-bridge delivery when ban-service fails', () => {
  let rig: BridgeRig;

  beforeAll(async () => {
    rig = await startBridgeRig({
      grpcUp: false, // ban-service is down
      read: (t) => [t.KAFKA_BLOCKS, t.KAFKA_DLQ],
      env: { kafka_bridge_retry_attempts: '12', kafka_bridge_retry_max_backoff: '300ms' },
    });
  }, 120_000);

  afterAll(() => rig?.close());

  it('retries while ban-service is down, keeps forwarding announcements, and scores once it is back', async () => {
    const block = hashOf(1, 2);
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [blockEvent(block)]);
    await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, 1);
    await rig.writer.send(rig.topics.KAFKA_INVALID_BLOCKS, [invalidBlock(block)]);
    await waitFor(
      'two retries',
      async () =>
        (await metric(rig.bridge.metricsUrl, 'kafka_bridge_retries_total', {
          topic: rig.topics.KAFKA_INVALID_BLOCKS,
        })) >= 2,
      { timeoutMs: 20_000 },
    );
    // Another partition meanwhile: announcements still flow.
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [blockEvent(hashOf(2, 2))]);
    await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, 2, 10_000);
    expect(rig.grpc.scores).toEqual([]);

    const readiness = rig.bridge.metricsUrl.replace('/metrics', '/health/readiness');
    const down = await fetch(readiness);
    expect(down.status).toBe(503);
    expect(JSON.stringify(await down.json())).toContain(`no gRPC server at ${rig.grpc.address}`);

    await rig.grpc.start();
    await waitFor('the score', () => rig.grpc.scores.length === 1, { timeoutMs: 20_000 });
    await waitFor('ready', async () => (await fetch(readiness)).status === 200);
    expect(rig.grpc.scores[0]).toMatchObject({ peer_id: SENDER, reason: 'invalid_block' });
    expect(rig.reader.on(rig.topics.KAFKA_DLQ)).toEqual([]);
  }, 60_000);

  it('sends a record whose call fails permanently to the DLQ at once, and one that never succeeds after the last attempt', async () => {
    const rejectedBlock = hashOf(3, 2);
    const flakyBlock = hashOf(4, 2);
    rig.grpc.failingPeers.set(OTHER_PEER, {
      code: status.INVALID_ARGUMENT,
      details: 'not a peer I know',
    });
    rig.grpc.failingPeers.set(THIRD_PEER, { code: status.UNAVAILABLE, details: 'overloaded' });
    const blocks = rig.reader.on(rig.topics.KAFKA_BLOCKS).length;
    await rig.writer.send(rig.topics.KAFKA_P2P_EVENTS, [
      blockEvent(rejectedBlock, OTHER_PEER),
      blockEvent(flakyBlock, THIRD_PEER),
      blockEvent(hashOf(5, 2), SENDER),
    ]);
    await rig.grpc.start();
    await rig.reader.waitFor(rig.topics.KAFKA_BLOCKS, blocks + 3);
    const scores = rig.grpc.scores.length;
    await rig.writer.send(rig.topics.KAFKA_INVALID_BLOCKS, [
      invalidBlock(rejectedBlock),
      invalidBlock(flakyBlock),
      invalidBlock(hashOf(5, 2)),
    ]);
    const letters = await rig.reader.waitFor(rig.topics.KAFKA_DLQ, 2, 30_000);
    const errors = letters.map((l) => l.headers[DLQ_HEADERS.error]!.toString());
    expect(errors).toEqual([
      'ban-service: INVALID_ARGUMENT: not a peer I know',
      'gave up after 12 attempts: ban-service: UNAVAILABLE: overloaded',
    ]);
    expect(invalidBlocksTopic.decode(letters[1]!.value!).blockHash).toBe(flakyBlock);
    await waitFor('the record after them scored', () => rig.grpc.scores.length === scores + 1);
  }, 60_000);
});

describe('kafka-bridge replicas in one consumer group', () => {
  it('share the partitions of p2p.events: every announcement forwarded exactly once', async () => {
    const brokers = await requireKafka();
    const topics = freshTopics();
    const admin = new KafkaMessageBus({ brokers, clientId: 'kafka-bridge-test-admin' });
    await admin.ensureTopics([{ topic: topics.KAFKA_P2P_EVENTS, partitions: 4 }]);
    await admin.close();
    const grpc = new TeranodeGrpcServers(await freePort());
    const groupId = uniqueName('kafka-bridge');
    const replicas = [
      await spawnBridge({ brokers, topics, grpcAddress: grpc.address, groupId }),
      await spawnBridge({ brokers, topics, grpcAddress: grpc.address, groupId }),
    ];
    const writer = await RecordWriter.start(brokers);
    const reader = await TopicReader.start(brokers, [topics.KAFKA_BLOCKS]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // the rebalance settles
      const hashes = Array.from({ length: 2_000 }, (_, i) => hashOf(i, 3));
      await writer.sendRecords(topics.KAFKA_P2P_EVENTS, blockEventRecords(hashes));
      const out = await reader.waitFor(topics.KAFKA_BLOCKS, 2_000, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const seen = reader.on(topics.KAFKA_BLOCKS).map((r) => blocksTopic.decode(r.value!).hash);
      expect(out.length).toBe(2_000);
      expect(new Set(seen).size).toBe(2_000);
      const perReplica = await Promise.all(
        replicas.map((r) =>
          metric(r.metricsUrl, 'kafka_bridge_records_total', {
            topic: topics.KAFKA_P2P_EVENTS,
            outcome: 'forwarded',
          }),
        ),
      );
      expect(perReplica[0]).toBeGreaterThan(0);
      expect(perReplica[1]).toBeGreaterThan(0);
      expect(perReplica[0]! + perReplica[1]!).toBe(2_000);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
      await reader.close();
      await writer.close();
    }
  }, 120_000);
});
