import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import type { RecordBatch } from './message-bus.js';
import { MemoryMessageBus } from './memory-message-bus.js';

const value = (s: string) => Buffer.from(s);
const valuesOf = (batch: RecordBatch) => batch.records.map((r) => r.value!.toString());

/** A bus whose topic "t" holds `values`, and its producer. */
async function busHolding(values: string[]) {
  const bus = new MemoryMessageBus();
  const producer = await bus.createProducer();
  await producer.send(
    't',
    values.map((v) => ({ value: value(v) })),
  );
  return { bus, producer };
}

/** A member of group "g" on topic "t" handing its batches to `batchHandler`. */
const groupMember = (
  bus: MemoryMessageBus,
  batchHandler: (batch: RecordBatch) => Promise<void>,
  fromBeginning = true,
) => bus.createConsumer({ groupId: 'g', topics: ['t'], fromBeginning, batchHandler });

describe('MemoryMessageBus batch consumers', () => {
  it('hands over the records of a partition in order, as batches, and commits them', async () => {
    const { bus, producer } = await busHolding(['0', '1', '2', '3', '4', '5', '6']);
    const seen: string[] = [];
    const consumer = groupMember(bus, async (batch) => {
      expect(batch.isRunning()).toBe(true);
      seen.push(...valuesOf(batch));
    });
    await consumer.start();
    await waitFor('7 records', () => seen.length >= 7);
    await consumer.stop();
    expect(seen).toEqual(['0', '1', '2', '3', '4', '5', '6']);

    const after: string[] = [];
    await producer.send('t', [{ value: value('7') }]);
    await groupMember(bus, async (batch) => void after.push(...valuesOf(batch)), false).start();
    await waitFor('the record after the commit', () => after.length >= 1);
    expect(after).toEqual(['7']);
    await bus.close();
  });

  it('a failing batch is handed over again from the first record not resolved', async () => {
    const { bus } = await busHolding(['0', '1', '2', '3']);
    const batches: string[][] = [];
    await groupMember(bus, async (batch) => {
      batches.push(valuesOf(batch));
      if (batches.length === 1) {
        batch.resolveOffset(batch.records[1]!.offset);
        throw new Error('record 2 failed');
      }
    }).start();
    await waitFor('the batch again', () => batches.length >= 2);
    expect(batches.slice(0, 2)).toEqual([
      ['0', '1', '2', '3'],
      ['2', '3'],
    ]);
    await bus.close();
  });

  it('retryLater hands the unresolved records over again after the delay', async () => {
    const { bus } = await busHolding(['a', 'b']);
    const calls: { at: number; records: string[] }[] = [];
    const started = Date.now();
    await groupMember(bus, async (batch) => {
      calls.push({ at: Date.now() - started, records: valuesOf(batch) });
      if (calls.length === 1) {
        batch.resolveOffset(batch.records[0]!.offset);
        batch.retryLater(300);
      }
    }).start();
    await waitFor('the retry', () => calls.length >= 2);
    expect(calls.map((c) => c.records)).toEqual([['a', 'b'], ['b']]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(290);
    await bus.close();
  });
});
