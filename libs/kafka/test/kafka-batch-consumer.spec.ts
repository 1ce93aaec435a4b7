import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import { KafkaMessageBus, type RecordBatch } from '../src/index.js';
import {
  keyedRecords,
  numberedRecords,
  topicHolding,
  valuesResumedBy,
} from './support/filled-topics.js';

// Batch consumers on the real broker: partitions handled concurrently, offsets committed only
// for what the handler resolved.
describe('KafkaMessageBus batch consumers on a real broker', () => {
  let bus: KafkaMessageBus;

  beforeAll(async () => {
    const brokers = await requireKafka();
    bus = new KafkaMessageBus({ brokers, clientId: uniqueName('kafka-batch-test') });
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('keeps handling other partitions while one partition is stuck in a slow batch', async () => {
    const records = keyedRecords(20);
    const topic = await topicHolding(bus, 'batch', records, 2);
    let releaseStuck!: () => void;
    const stuck = new Promise<void>((resolve) => (releaseStuck = resolve));
    let stuckPartition: number | undefined;
    const handled: string[] = [];
    const consumer = bus.createConsumer({
      groupId: uniqueName('g'),
      topics: [topic],
      fromBeginning: true,
      partitionsConcurrently: 2,
      batchHandler: async (batch: RecordBatch) => {
        if (stuckPartition === undefined) stuckPartition = batch.partition;
        if (batch.partition === stuckPartition) await stuck;
        handled.push(...batch.records.map((r) => r.value!.toString()));
      },
    });
    await consumer.start();
    await waitFor('the other partition to be handled', () => handled.length > 0, {
      timeoutMs: 20_000,
    });
    releaseStuck();
    await waitFor('every record', () => handled.length >= 20, { timeoutMs: 20_000 });
    expect([...handled].sort()).toEqual(records.map((r) => r.key).sort());
    await consumer.stop();
  }, 60_000);

  it('commits the resolved part of a failed batch: a restarted group resumes after it', async () => {
    const topic = await topicHolding(bus, 'batch-commit', numberedRecords(5));
    const groupId = uniqueName('g');
    const firstSeen: string[] = [];
    const failing = bus.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      batchHandler: async (batch) => {
        for (const record of batch.records) {
          if (record.value!.toString() === '3') throw new Error('record 3 cannot be handled yet');
          firstSeen.push(record.value!.toString());
          batch.resolveOffset(record.offset);
        }
      },
    });
    await failing.start();
    await waitFor('records 0-2', () => firstSeen.length >= 3, { timeoutMs: 20_000 });
    await failing.stop();
    expect(await valuesResumedBy(bus, groupId, topic, 2)).toEqual(['3', '4']);
  }, 60_000);

  it('retryLater pauses only that partition and fetches it again from the first unresolved record', async () => {
    const records = keyedRecords(20);
    const topic = await topicHolding(bus, 'batch-retry', records, 2);
    let retriedPartition: number | undefined;
    let retriedAt = 0;
    const handled: { key: string; partition: number; at: number }[] = [];
    const consumer = bus.createConsumer({
      groupId: uniqueName('g'),
      topics: [topic],
      fromBeginning: true,
      partitionsConcurrently: 2,
      batchHandler: async (batch) => {
        if (retriedPartition === undefined) {
          retriedPartition = batch.partition;
          retriedAt = Date.now();
          batch.retryLater(1_500);
          return;
        }
        for (const r of batch.records) {
          handled.push({ key: r.value!.toString(), partition: batch.partition, at: Date.now() });
        }
      },
    });
    await consumer.start();
    await waitFor('every record', () => handled.length >= 20, { timeoutMs: 30_000 });
    expect(handled.map((h) => h.key).sort()).toEqual(records.map((r) => r.key).sort());
    const retried = handled.filter((h) => h.partition === retriedPartition);
    const other = handled.filter((h) => h.partition !== retriedPartition);
    expect(retried.length).toBeGreaterThan(0);
    expect(other.length).toBeGreaterThan(0);
    expect(Math.min(...retried.map((h) => h.at)) - retriedAt).toBeGreaterThanOrEqual(1_400);
    expect(Math.min(...other.map((h) => h.at)) - retriedAt).toBeLessThan(1_400);
    await consumer.stop();
  }, 60_000);
});
