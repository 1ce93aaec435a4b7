import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, waitFor } from '@teranode-p2p/testing';
import { Kafka, logLevel } from 'kafkajs';
import { EventProducer, subtreeEvent } from './support/event-producer.js';
import { FeedTestClient, waitUntilConsuming } from './support/feed-client.js';
import { startGateway, type RunningGateway } from './support/gateway-process.js';

const CLIENTS_PER_REPLICA = 10;
const EVENTS = 50;

// Two replicas as Kubernetes would run them behind one Service: each consumes every event in
// its own consumer group, so every client receives every event whichever replica it is on.
describe('ws-gateway replicas', () => {
  let producer: EventProducer;
  const gateways: RunningGateway[] = [];
  const clients: FeedTestClient[] = [];

  beforeAll(async () => {
    producer = await EventProducer.create(3);
    gateways.push(
      ...(await Promise.all([startGateway(producer.topic), startGateway(producer.topic)])),
    );
    for (const gateway of gateways) {
      for (let i = 0; i < CLIENTS_PER_REPLICA; i++)
        clients.push(await FeedTestClient.connect(gateway.wsUrl));
    }
    await waitUntilConsuming(producer, clients);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(gateways.map((g) => g.stop()));
    await producer?.close();
  });

  it(`${2 * CLIENTS_PER_REPLICA} clients × ${EVENTS} events = ${2 * CLIENTS_PER_REPLICA * EVENTS} deliveries`, async () => {
    const hashes = Array.from({ length: EVENTS }, (_, i) => `replicated-${i}`);
    await producer.send(...hashes.map((hash) => subtreeEvent(hash)));
    await waitFor(
      'every client to receive every event',
      () => clients.every((c) => c.ofType('subtree').length >= EVENTS),
      { timeoutMs: 20_000 },
    );
    let deliveries = 0;
    for (const client of clients) {
      const received = client.ofType('subtree').map((f) => f.json['hash']);
      // 3 partitions: order holds per partition only, so compare as sets, without duplicates.
      expect(received.length).toBe(EVENTS);
      expect(new Set(received)).toEqual(new Set(hashes));
      deliveries += received.length;
    }
    expect(deliveries).toBe(2 * CLIENTS_PER_REPLICA * EVENTS);
  });

  it('runs each replica in its own consumer group ws-gateway-<replica name>', async () => {
    const admin = new Kafka({ brokers: await requireKafka(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const groupIds = gateways.map((g) => `ws-gateway-${g.replicaName}`);
      const { groups } = await admin.describeGroups(groupIds);
      expect(groups.map((g) => [g.groupId, g.state, g.members.length])).toEqual(
        groupIds.map((id) => [id, 'Stable', 1]),
      );
    } finally {
      await admin.disconnect();
    }
  });
});
