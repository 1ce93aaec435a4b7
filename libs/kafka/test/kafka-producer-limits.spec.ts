import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import kafkajs from 'kafkajs';
import {
  KafkaMessageBus,
  partitionForKey,
  type IncomingRecord,
  type OutgoingRecord,
} from '../src/index.js';

/** Keys that the default partitioner puts on partition 0 and on partition 1 of two. */
function keysByPartition(): [string, string] {
  const keys: (string | undefined)[] = [undefined, undefined];
  for (let n = 0; keys.includes(undefined); n++) {
    keys[partitionForKey(Buffer.from(`k${n}`), 2)] ??= `k${n}`;
  }
  return keys as [string, string];
}

const record = (key: string, id: string, bytes: number): OutgoingRecord => ({
  key,
  value: Buffer.concat([Buffer.from(`${id}:`), Buffer.alloc(bytes, 0x61)]),
});

const idOf = (r: IncomingRecord) => r.value!.toString().split(':')[0]!;

// Real Apache Kafka broker (scripts/kafka.sh): topics with small max.message.bytes.
describe('the Kafka producer against the limits of a real broker', () => {
  let brokers: string[];
  let bus: KafkaMessageBus;

  beforeAll(async () => {
    brokers = await requireKafka();
    bus = new KafkaMessageBus({ brokers, clientId: uniqueName('producer-limits') });
  });

  afterAll(async () => {
    await bus?.close();
  });

  async function consume(topic: string): Promise<IncomingRecord[]> {
    const received: IncomingRecord[] = [];
    const consumer = bus.createConsumer({
      groupId: uniqueName('g'),
      topics: [topic],
      fromBeginning: true,
      handler: async (r) => {
        received.push(r);
      },
    });
    await consumer.start();
    stops.push(() => consumer.stop());
    return received;
  }
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it('splits a batch into requests the topic takes and refuses only the record that cannot fit', async () => {
    const topic = uniqueName('small-records');
    await bus.ensureTopics([{ topic, partitions: 3, maxMessageBytes: 20_000 }]);
    const received = await consume(topic);
    const producer = await bus.createProducer();
    const records = Array.from({ length: 300 }, (_, n) => record(`key-${n}`, `r${n}`, 1_000));
    records.splice(150, 0, record('big', 'big', 30_000));

    const result = await producer.send(topic, records);

    expect(result.refused).toEqual([expect.objectContaining({ index: 150, reason: 'too_large' })]);
    expect(result.refused[0]!.detail).toMatch(/more than .* takes \(max\.message\.bytes 20000\)/);
    expect(result.requests).toBeGreaterThanOrEqual(Math.ceil((300 * 1_000) / 20_000));
    await waitFor('every record that fits', () => new Set(received.map(idOf)).size === 300, {
      timeoutMs: 20_000,
    });
    expect(received.some((r) => idOf(r) === 'big')).toBe(false);
    await producer.disconnect();
  }, 60_000);

  it('loses nothing when the broker refuses part of a request, and the producer goes on', async () => {
    const topic = uniqueName('partial-failure');
    await bus.ensureTopics([{ topic, partitions: 2 }]);
    const received = await consume(topic);
    const replaced: string[] = [];
    const producer = await bus.createProducer({ onReplaced: (e) => replaced.push(e.message) });
    const [onZero, onOne] = keysByPartition();
    // The producer learns the topic's limit (the broker's default) with its first send...
    await producer.send(topic, [record(onZero, 'first', 10)]);
    // ...then the topic's limit shrinks, so one request now holds a batch for partition 1 that
    // the broker refuses next to a batch for partition 0 that it appends.
    const kafka = new kafkajs.Kafka({ brokers, clientId: uniqueName('admin') });
    const admin = kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: kafkajs.ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'max.message.bytes', value: '8000' }],
        },
      ],
    });
    await admin.disconnect();

    const mixed = [
      record(onZero, 'zero-1', 10),
      ...[1, 2, 3, 4].map((n) => record(onOne, `one-${n}`, 3_000)),
    ];
    const result = await producer.send(topic, mixed);
    expect(result.refused).toEqual([]);
    expect(replaced.join('\n')).toMatch(/larger than the max message size/);
    // The producer keeps appending to the partition the failed request had written to.
    const after = [1, 2, 3, 4, 5].map((n) => record(onZero, `zero-after-${n}`, 10));
    expect((await producer.send(topic, after)).refused).toEqual([]);

    const expected = ['first', ...mixed, ...after].map((r) =>
      typeof r === 'string' ? r : r.value.toString().split(':')[0]!,
    );
    await waitFor(
      'every record, at least once',
      () => expected.every((id) => received.some((r) => idOf(r) === id)),
      { timeoutMs: 20_000 },
    );
    await producer.disconnect();
  }, 60_000);
});
