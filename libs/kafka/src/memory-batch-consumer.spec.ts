import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import type { RecordBatch } from './message-bus.js';
import { MemoryMessageBus } from './memory-message-bus.js';

const value = (s: string) => Buffer.from(s);

describe('MemoryMessageBus batch consumers', () => {
  it('hands over the records of a partition in order, as batches, and commits them', async () => {
    const bus = new MemoryMessageBus();
    const producer = await bus.createProducer();
    await producer.send(
      't',
      Array.from({ length: 7 }, (_, i) => ({ value: value(String(i)) })),
    );
    const seen: string[] = [];
    const consumer = bus.createConsumer({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      batchHandler: async (batch: RecordBatch) => {
        expect(batch.isRunning()).toBe(true);
        seen.push(...batch.records.map((r) => r.value!.toString()));
      },
    });
    await consumer.start();
    await waitFor('7 records', () => seen.length >= 7);
    await consumer.stop();
    expect(seen).toEqual(['0', '1', '2', '3', '4', '5', '6']);

    const after: string[] = [];
    await producer.send('t', [{ value: value('7') }]);
    await bus
      .createConsumer({
        groupId: 'g',
        topics: ['t'],
        batchHandler: async (batch) => {
          after.push(...batch.records.map((r) => r.value!.toString()));
        },
      })
      .start();
    await waitFor('the record after the commit', () => after.length >= 1);
    expect(after).toEqual(['7']);
    await bus.close();
  });

  it('a failing batch is handed over again from the first record not resolved', async () => {
    const bus = new MemoryMessageBus();
    const producer = await bus.createProducer();
    await producer.send(
      't',
      Array.from({ length: 4 }, (_, i) => ({ value: value(String(i)) })),
    );
    const batches: string[][] = [];
    await bus
      .createConsumer({
        groupId: 'g',
        topics: ['t'],
        fromBeginning: true,
        batchHandler: async (batch) => {
          batches.push(batch.records.map((r) => r.value!.toString()));
          if (batches.length === 1) {
            batch.resolveOffset(batch.records[1]!.offset);
            throw new Error('record 2 failed');
          }
        },
      })
      .start();
    await waitFor('the batch again', () => batches.length >= 2);
    expect(batches.slice(0, 2)).toEqual([
      ['0', '1', '2', '3'],
      ['2', '3'],
    ]);
    await bus.close();
  });

  it('retryLater hands the unresolved records over again after the delay', async () => {
    const bus = new MemoryMessageBus();
    const producer = await bus.createProducer();
    await producer.send('t', [{ value: value('a') }, { value: value('b') }]);
    const calls: { at: number; records: string[] }[] = [];
    const started = Date.now();
    await bus
      .createConsumer({
        groupId: 'g',
        topics: ['t'],
        fromBeginning: true,
        batchHandler: async (batch) => {
          calls.push({
            at: Date.now() - started,
            records: batch.records.map((r) => r.value!.toString()),
          });
          if (calls.length === 1) {
            batch.resolveOffset(batch.records[0]!.offset);
            batch.retryLater(300);
          }
        },
      })
      .start();
    await waitFor('the retry', () => calls.length >= 2);
    expect(calls.map((c) => c.records)).toEqual([['a', 'b'], ['b']]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(290);
    await bus.close();
  });
});
