import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { kafkamessage } from '@teranode-p2p/contracts';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import { KafkaMessageBus, type IncomingRecord } from '../src/index.js';
import { numberedRecords, topicHolding, valuesResumedBy } from './support/filled-topics.js';

// Real Apache Kafka broker (scripts/kafka.sh); nothing here is simulated.
describe('KafkaMessageBus on a real broker', () => {
  let bus: KafkaMessageBus;

  beforeAll(async () => {
    const brokers = await requireKafka();
    bus = new KafkaMessageBus({ brokers, clientId: uniqueName('kafka-bus-test') });
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('produces and consumes a protobuf KafkaBlockTopicMessage keyed by the raw hash bytes', async () => {
    const topic = uniqueName('blocks');
    await bus.ensureTopics([{ topic, partitions: 3 }]);
    const hash = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
    const message = {
      hash,
      URL: 'https://node1.example.com/api/v1',
      peer_id: '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd',
    };
    const key = Buffer.from(hash, 'hex').reverse();
    const value = Buffer.from(kafkamessage.KafkaBlockTopicMessage.encode(message).finish());

    const received: IncomingRecord[] = [];
    const consumer = bus.createConsumer({
      groupId: uniqueName('g'),
      topics: [topic],
      fromBeginning: true,
      handler: async (record) => {
        received.push(record);
      },
    });
    await consumer.start();
    const producer = await bus.createProducer();
    await producer.send(topic, [{ key, value }]);

    await waitFor('the block record', () => received.length === 1, { timeoutMs: 20_000 });
    const [record] = received;
    expect(record!.key!.equals(key)).toBe(true);
    expect(record!.key!.toString('hex')).toBe(
      '6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000',
    );
    expect(Buffer.compare(record!.value!, value)).toBe(0);
    expect(kafkamessage.KafkaBlockTopicMessage.decode(record!.value!)).toEqual(message);
    await consumer.stop();
    await producer.disconnect();
  }, 60_000);

  it('commits only handled records: a restarted group resumes after the last handled one', async () => {
    const topic = await topicHolding(bus, 'commits', numberedRecords(5));
    const groupId = uniqueName('g');

    const first: string[] = [];
    const failing = bus.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: async (record) => {
        const n = record.value!.toString();
        if (n === '3') throw new Error('record 3 cannot be handled yet');
        first.push(n);
      },
    });
    await failing.start();
    await waitFor('records 0-2', () => first.length >= 3, { timeoutMs: 20_000 });
    await failing.stop();
    expect(first.slice(0, 3)).toEqual(['0', '1', '2']);
    expect(await valuesResumedBy(bus, groupId, topic, 2)).toEqual(['3', '4']);
  }, 90_000);
});

describe('KafkaMessageBus.checkConnection', () => {
  it('resolves against the real broker and names the brokers it cannot reach', async () => {
    const brokers = await requireKafka();
    const up = new KafkaMessageBus({ brokers, clientId: uniqueName('probe') });
    await expect(up.checkConnection()).resolves.toBeUndefined();
    const down = new KafkaMessageBus({ brokers: ['127.0.0.1:1'], clientId: uniqueName('probe') });
    const started = Date.now();
    await expect(down.checkConnection()).rejects.toThrow(
      /^Kafka brokers 127\.0\.0\.1:1 unreachable: /,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  }, 30_000);
});
