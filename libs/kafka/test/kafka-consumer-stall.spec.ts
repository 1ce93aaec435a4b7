import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaMessageBus, type BusConsumer, type RecordHandler } from '../src/index.js';
import { numberedRecords, topicHolding } from './support/filled-topics.js';

const STALL_AFTER_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A consumer whose handler never returns fails nothing and crashes nothing: readiness (which
// reads failure()) must still see that records wait and none gets handled. Real broker
// (scripts/kafka.sh): positions and high watermarks come from it.
describe('KafkaMessageBus consumer that stops moving', () => {
  let brokers: string[];
  let bus: KafkaMessageBus;
  const started: BusConsumer[] = [];

  beforeAll(async () => {
    brokers = await requireKafka();
    bus = new KafkaMessageBus({ brokers, clientId: uniqueName('stall') });
  });

  afterAll(async () => {
    await Promise.allSettled(started.map((consumer) => consumer.stop()));
    await bus?.close();
  });

  /** A started consumer of `topic` from its first record, stalled after STALL_AFTER_MS. */
  async function consumerOf(topic: string, handler: RecordHandler): Promise<BusConsumer> {
    const consumer = bus.createConsumer({
      groupId: uniqueName('g'),
      topics: [topic],
      fromBeginning: true,
      stallAfterMs: STALL_AFTER_MS,
      handler,
    });
    started.push(consumer);
    await consumer.start();
    return consumer;
  }

  it('is named by failure() once a handler hangs for longer than stallAfterMs, and no longer once it moves', async () => {
    const topic = await topicHolding(bus, 'stall', numberedRecords(5), 1);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const consumer = await consumerOf(topic, async (record) => {
      await gate;
      handled.push(record.value!.toString());
    });
    expect(consumer.failure()).toBeUndefined();

    const failure = await waitFor('the hung handler reported', () => consumer.failure(), {
      timeoutMs: 8000,
    });
    expect(failure).toMatch(
      new RegExp(
        `^consumer group g-\\S+ \\(${topic}\\): no record handled for \\d+ s while 5 wait on ${topic}/0@0$`,
      ),
    );

    release();
    await waitFor('every record handled', () => handled.length === 5, { timeoutMs: 20_000 });
    await waitFor('the stall cleared', () => consumer.failure() === undefined, { timeoutMs: 5000 });
    expect(handled).toEqual(['0', '1', '2', '3', '4']);
  }, 40_000);

  it('is not reported while it works through a backlog that takes longer than stallAfterMs', async () => {
    const topic = await topicHolding(bus, 'busy', numberedRecords(20), 1);
    let handled = 0;
    const consumer = await consumerOf(topic, async () => {
      await sleep(200);
      handled++;
    });
    const failures = new Set<string>();
    const deadline = Date.now() + 20_000;
    while (handled < 20 && Date.now() < deadline) {
      const failure = consumer.failure();
      if (failure) failures.add(failure);
      await sleep(100);
    }
    expect(handled).toBe(20);
    expect([...failures]).toEqual([]);
  }, 40_000);

  // A transactional producer (not ours; any client may write the topics we read) ends each
  // transaction with a marker: an offset that holds no record, so no handler ever sees it.
  it('counts a transaction marker as passed, not as a record waiting', async () => {
    const topic = uniqueName('txn');
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    const client = new Kafka({ brokers, clientId: uniqueName('txn'), logLevel: logLevel.NOTHING });
    const producer = client.producer({
      transactionalId: uniqueName('txn'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: numberedRecords(3) });
      await transaction.commit();
    } finally {
      await producer.disconnect();
    }

    let handled = 0;
    const consumer = await consumerOf(topic, async () => {
      handled++;
    });
    await waitFor('the 3 records handled', () => handled === 3, { timeoutMs: 20_000 });
    await waitFor(
      'no lag left (the marker passed)',
      async () => (await consumer.lag()).every(({ lag }) => lag === 0),
      { timeoutMs: 15_000 },
    );
    await sleep(STALL_AFTER_MS * 2);
    expect(consumer.failure()).toBeUndefined();
    expect(await consumer.lag()).toEqual([
      expect.objectContaining({ topic, partition: 0, lag: 0 }),
    ]);
  }, 60_000);
});
