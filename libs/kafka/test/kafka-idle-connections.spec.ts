import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';
import { KafkaMessageBus, type BusConsumer } from '../src/index.js';

// kafkajs 2.2.4 re-armed a 1 ms timer on every broker connection after its first request, for
// as long as the connection was open: an idle gossip-node used about 40 ms of CPU a second.
describe('Kafka connections of the bus at rest', () => {
  let bus: KafkaMessageBus;
  let consumer: BusConsumer;
  const original = RequestQueue.prototype.checkPendingRequests;
  let checks = 0;

  beforeAll(async () => {
    bus = new KafkaMessageBus({ brokers: await requireKafka(), clientId: uniqueName('idle') });
    RequestQueue.prototype.checkPendingRequests = function counted(this: RequestQueue) {
      checks++;
      original.call(this);
    };
  });

  afterAll(async () => {
    RequestQueue.prototype.checkPendingRequests = original;
    await bus?.close();
  });

  it('look at their request queues only when requests come and go', async () => {
    const topic = uniqueName('idle-topic');
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    const read: string[] = [];
    consumer = bus.createConsumer({
      groupId: uniqueName('idle-group'),
      topics: [topic],
      fromBeginning: true,
      handler: async (record) => {
        read.push(String(record.value));
      },
    });
    await consumer.start();
    const producer = await bus.createProducer();
    await producer.send(topic, [{ key: 'k', value: Buffer.from('v') }]);
    await bus.checkConnection();
    await waitFor('the record read', () => read.length === 1);
    checks = 0;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Producer, consumer (a heartbeat a second, fetches waiting up to 5 s), admin and probe
    // connections, all at rest for a second: kafkajs alone had checked about 1,000 times each.
    expect(checks).toBeLessThan(10);
  });
});
