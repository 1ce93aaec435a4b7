import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import { KafkaJSProtocolError } from 'kafkajs';
import { KafkaMessageBus } from '../src/index.js';
import { numberedRecords, topicHolding } from './support/filled-topics.js';

// kafkajs stops a consumer for good (CRASH, restart=false) when an error it counts as
// non-retriable reaches it, also one thrown by the handler: e.g. kafka-bridge's send to
// `blocks` refused with an authorization error. A record's handler failing must only delay it.
describe('KafkaMessageBus consumer whose handler fails', () => {
  let bus: KafkaMessageBus;

  beforeAll(async () => {
    bus = new KafkaMessageBus({ brokers: await requireKafka(), clientId: uniqueName('give-up') });
  });

  afterAll(async () => {
    await bus?.close();
  });

  const failures = {
    // What kafka-bridge's send inside its handler throws when the broker refuses it for good.
    'a non-retriable Kafka error': () =>
      new KafkaJSProtocolError({
        type: 'TOPIC_AUTHORIZATION_FAILED',
        code: 29,
        retriable: false,
        message: 'Not authorized to access topics: [Topic authorization failed]',
      } as unknown as Error),
    // A defect met by one record: kafkajs counts TypeError as unrecoverable.
    'a TypeError': () => new TypeError("Cannot read properties of undefined (reading 'x')"),
  };

  it.each(
    (['handler', 'batchHandler'] as const).flatMap((kind) =>
      Object.keys(failures).map((failure) => [kind, failure as keyof typeof failures] as const),
    ),
  )(
    'keeps reading after its %s throws %s once (the record is tried again)',
    async (kind, failure) => {
      const topic = await topicHolding(bus, 'give-up', numberedRecords(3));
      const handled: string[] = [];
      let thrown = 0;
      const handle = (value: string) => {
        if (value === '1' && thrown++ === 0) throw failures[failure]();
        handled.push(value);
      };
      const consumer = bus.createConsumer({
        groupId: uniqueName('g'),
        topics: [topic],
        fromBeginning: true,
        ...(kind === 'handler'
          ? { handler: async (record) => handle(record.value!.toString()) }
          : {
              batchHandler: async (batch) => {
                for (const record of batch.records) {
                  handle(record.value!.toString());
                  batch.resolveOffset(record.offset);
                }
              },
            }),
      });
      await consumer.start();
      try {
        await waitFor('every record handled', () => handled.length >= 3, { timeoutMs: 30_000 });
        expect(handled).toEqual(['0', '1', '2']);
        expect(thrown).toBe(2);
        expect(bus.consumerFailures()).toEqual([]);
      } finally {
        await consumer.stop();
      }
    },
    60_000,
  );

  it('reports a handler that keeps failing past stallAfterMs, and clears it once it succeeds', async () => {
    const topic = await topicHolding(bus, 'stalled', numberedRecords(2));
    let healthy = false;
    const handled: string[] = [];
    const groupId = uniqueName('g');
    const consumer = bus.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      stallAfterMs: 2_000,
      handler: async (record) => {
        if (!healthy) throw new Error('ban-service unreachable');
        handled.push(record.value!.toString());
      },
    });
    await consumer.start();
    try {
      await waitFor('the stall reported', () => consumer.failure() !== undefined, {
        timeoutMs: 30_000,
      });
      expect(consumer.failure()).toMatch(
        new RegExp(
          `^consumer group ${groupId} \\(${topic}\\): its handler has failed for \\d+ s, last on ${topic}/0@0: ban-service unreachable$`,
        ),
      );
      expect(bus.consumerFailures()).toEqual([consumer.failure()]);
      healthy = true;
      await waitFor('every record handled', () => handled.length >= 2, { timeoutMs: 60_000 });
      expect(consumer.failure()).toBeUndefined();
      expect(bus.consumerFailures()).toEqual([]);
    } finally {
      await consumer.stop();
    }
  }, 120_000);
});
