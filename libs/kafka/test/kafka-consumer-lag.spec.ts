import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import { Registry } from 'prom-client';
import { ConsumerLagGauge, KafkaMessageBus } from '../src/index.js';
import { keyedRecords, numberedRecords, topicHolding } from './support/filled-topics.js';

const N = 40;

/** The gauge's series for one group as `partition → lag`. */
async function lagByPartition(registry: Registry, groupId: string): Promise<Map<string, number>> {
  const lines = (await registry.metrics())
    .split('\n')
    .filter((l) => l.startsWith('test_kafka_consumer_lag{') && l.includes(`group="${groupId}"`));
  return new Map(lines.map((l) => [/partition="(\d+)"/.exec(l)![1]!, Number(l.split(' ').at(-1))]));
}

const total = (lags: Map<string, number>) => [...lags.values()].reduce((a, b) => a + b, 0);

// Real Apache Kafka broker (scripts/kafka.sh): high watermarks and committed offsets from it.
describe('consumer lag on a real broker', () => {
  let bus: KafkaMessageBus;
  let registry: Registry;
  let gauge: ConsumerLagGauge;

  beforeAll(async () => {
    const brokers = await requireKafka();
    bus = new KafkaMessageBus({ brokers, clientId: uniqueName('lag-test'), commitEveryRecords: 5 });
    registry = new Registry();
    gauge = new ConsumerLagGauge({ name: 'test_kafka_consumer_lag', registers: [registry] });
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('reads N while the consumer is stuck on the first record, 0 once it has handled them', async () => {
    const topic = uniqueName('lag');
    const groupId = uniqueName('g');
    await bus.ensureTopics([{ topic, partitions: 2 }]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let seen = 0;
    let handled = 0;
    const consumer = bus.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      partitionsConcurrently: 2,
      lag: gauge,
      handler: async () => {
        seen++;
        await gate;
        handled++;
      },
    });
    await consumer.start();
    const lagBefore = await lagByPartition(registry, groupId);
    expect([...lagBefore.keys()].sort()).toEqual(['0', '1']);
    expect(total(lagBefore)).toBe(0);

    const producer = await bus.createProducer();
    await producer.send(topic, keyedRecords(N));
    await waitFor('the first record in hand', () => seen > 0, { timeoutMs: 20_000 });
    const stuck = await lagByPartition(registry, groupId);
    expect(total(stuck)).toBe(N);
    expect([...stuck.values()].every((lag) => lag > 0)).toBe(true);

    release();
    await waitFor('every record handled', () => handled === N, { timeoutMs: 20_000 });
    expect(total(await lagByPartition(registry, groupId))).toBe(0);

    await consumer.stop();
    expect(await lagByPartition(registry, groupId)).toEqual(new Map());
    await producer.disconnect();
  }, 60_000);

  it('counts from the committed offset when a member of the group restarts behind', async () => {
    const topic = await topicHolding(bus, 'lag-committed', numberedRecords(N));
    const groupId = uniqueName('g');
    let handled = 0;
    const first = bus.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      lag: gauge,
      handler: async () => {
        if (handled === 10) throw new Error('stop here');
        handled++;
      },
    });
    await first.start();
    await waitFor('10 records handled', () => handled === 10, { timeoutMs: 20_000 });
    await waitFor('lag 30 while it retries record 10', async () =>
      total(await lagByPartition(registry, groupId)) === N - 10 ? true : undefined,
    );
    await first.stop();

    // A new member knows nothing of what it handled: the lag comes from the committed offset.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const second = bus.createConsumer({
      groupId,
      topics: [topic],
      lag: gauge,
      handler: () => gate,
    });
    await second.start();
    expect(await second.lag()).toEqual([{ topic, partition: 0, position: 10n, lag: N - 10 }]);
    expect(total(await lagByPartition(registry, groupId))).toBe(N - 10);
    release();
    await waitFor('the rest handled', async () =>
      (await second.lag())[0]?.lag === 0 ? true : undefined,
    );
    await second.stop();
  }, 60_000);
});
