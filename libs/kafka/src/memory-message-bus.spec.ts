import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import type { IncomingRecord } from './message-bus.js';
import { MemoryMessageBus } from './memory-message-bus.js';

function collector() {
  const seen: IncomingRecord[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    seen,
    handler: async (record: IncomingRecord) => {
      seen.push(record);
      for (const w of waiters.filter((w) => seen.length >= w.n)) w.resolve();
    },
    until: (n: number) =>
      seen.length >= n
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ n, resolve })),
  };
}

const value = (s: string) => Buffer.from(s);

describe('MemoryMessageBus', () => {
  it('delivers records with key, value and headers in order', async () => {
    const bus = new MemoryMessageBus();
    const c = collector();
    await bus.createConsumer({ groupId: 'g', topics: ['t'], handler: c.handler }).start();
    const producer = await bus.createProducer();
    await producer.send('t', [
      { key: 'k1', value: value('a'), headers: { h: 'x' } },
      { key: 'k2', value: value('b') },
    ]);
    await c.until(2);
    expect(c.seen.map((r) => r.value!.toString())).toEqual(['a', 'b']);
    expect(c.seen[0]!.key!.toString()).toBe('k1');
    expect(c.seen[0]!.headers['h']!.toString()).toBe('x');
    expect(c.seen.map((r) => r.offset)).toEqual(['0', '1']);
    await bus.close();
  });

  it('starts a new group at the latest offset unless asked for the beginning', async () => {
    const bus = new MemoryMessageBus();
    const producer = await bus.createProducer();
    await producer.send('t', [{ value: value('old') }]);
    const latest = collector();
    const oldest = collector();
    await bus.createConsumer({ groupId: 'latest', topics: ['t'], handler: latest.handler }).start();
    await bus
      .createConsumer({
        groupId: 'oldest',
        topics: ['t'],
        fromBeginning: true,
        handler: oldest.handler,
      })
      .start();
    await producer.send('t', [{ value: value('new') }]);
    await latest.until(1);
    await oldest.until(2);
    expect(latest.seen.map((r) => r.value!.toString())).toEqual(['new']);
    expect(oldest.seen.map((r) => r.value!.toString())).toEqual(['old', 'new']);
    await bus.close();
  });

  it('resumes a group from its committed offset after a consumer restart', async () => {
    const bus = new MemoryMessageBus();
    const producer = await bus.createProducer();
    const first = collector();
    const consumer = bus.createConsumer({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      handler: first.handler,
    });
    await consumer.start();
    await producer.send('t', [{ value: value('1') }]);
    await first.until(1);
    await consumer.stop();
    await producer.send('t', [{ value: value('2') }]);
    const second = collector();
    await bus.createConsumer({ groupId: 'g', topics: ['t'], handler: second.handler }).start();
    await second.until(1);
    expect(second.seen.map((r) => r.value!.toString())).toEqual(['2']);
    await bus.close();
  });

  it('redelivers a record whose handler failed (not committed)', async () => {
    const bus = new MemoryMessageBus();
    let attempts = 0;
    let handled = false;
    await bus
      .createConsumer({
        groupId: 'g',
        topics: ['t'],
        handler: async () => {
          attempts++;
          if (attempts < 3) throw new Error('transient');
          handled = true;
        },
      })
      .start();
    await (await bus.createProducer()).send('t', [{ value: value('x') }]);
    await waitFor('the record handled', () => handled);
    expect(handled).toBe(true);
    expect(attempts).toBe(3);
    await bus.close();
  });

  it('reports a handler failing past stallAfterMs as a consumer failure, until it succeeds', async () => {
    const bus = new MemoryMessageBus();
    let healthy = false;
    const consumer = bus.createConsumer({
      groupId: 'g',
      topics: ['stalls'],
      stallAfterMs: 300,
      handler: async () => {
        if (!healthy) throw new TypeError('x is undefined');
      },
    });
    await consumer.start();
    try {
      await (await bus.createProducer()).send('stalls', [{ value: value('x') }]);
      await waitFor('the stall reported', () => bus.consumerFailures().length > 0);
      expect(consumer.failure()).toMatch(
        /^consumer group g \(stalls\): its handler has failed for \d+ s, last on stalls\/0@0: x is undefined$/,
      );
      healthy = true;
      await waitFor('the stall cleared', () => consumer.failure() === undefined);
      expect(bus.consumerFailures()).toEqual([]);
    } finally {
      await bus.close();
    }
  });

  it('reports a handler that never returns once records waited past stallAfterMs, until it moves', async () => {
    const bus = new MemoryMessageBus();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let handled = 0;
    const consumer = bus.createConsumer({
      groupId: 'g',
      topics: ['hangs'],
      stallAfterMs: 300,
      handler: async () => {
        await gate;
        handled++;
      },
    });
    await consumer.start();
    try {
      await (
        await bus.createProducer()
      ).send('hangs', [{ value: value('x') }, { value: value('y') }]);
      await waitFor('the stall reported', () => consumer.failure());
      expect(consumer.failure()).toMatch(
        /^consumer group g \(hangs\): no record handled for \d+ s while 2 wait on hangs\/0@0$/,
      );
      release();
      await waitFor('both handled', () => handled === 2);
      await waitFor('the stall cleared', () => consumer.failure() === undefined);
    } finally {
      await bus.close();
    }
  });

  it('shares partitions between members of one group: each record handled once', async () => {
    const bus = new MemoryMessageBus({ defaultPartitions: 4 });
    await bus.ensureTopics([{ topic: 't', partitions: 4 }]);
    const a = collector();
    const b = collector();
    await bus.createConsumer({ groupId: 'g', topics: ['t'], handler: a.handler }).start();
    await bus.createConsumer({ groupId: 'g', topics: ['t'], handler: b.handler }).start();
    const producer = await bus.createProducer();
    await producer.send(
      't',
      Array.from({ length: 40 }, (_, i) => ({ key: `key-${i}`, value: value(String(i)) })),
    );
    for (let i = 0; i < 100 && a.seen.length + b.seen.length < 40; i++)
      await new Promise((r) => setTimeout(r, 20));
    const all = [...a.seen, ...b.seen]
      .map((r) => Number(r.value!.toString()))
      .sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(a.seen.length).toBeGreaterThan(0);
    expect(b.seen.length).toBeGreaterThan(0);
    await bus.close();
  });

  it('hands the backlog of a leaving member’s partitions to the others at once', async () => {
    const bus = new MemoryMessageBus({ defaultPartitions: 2 });
    await bus.ensureTopics([{ topic: 't', partitions: 2 }]);
    const a = collector();
    await bus.createConsumer({ groupId: 'g', topics: ['t'], handler: a.handler }).start();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let handledByLeaving = 0;
    let busy!: () => void;
    const leavingBusy = new Promise<void>((resolve) => (busy = resolve));
    const leaving = bus.createConsumer({
      groupId: 'g',
      topics: ['t'],
      handler: async () => {
        busy();
        await gate;
        handledByLeaving++;
      },
    });
    await leaving.start();
    const producer = await bus.createProducer();
    await producer.send(
      't',
      Array.from({ length: 20 }, (_, i) => ({ key: `key-${i}`, value: value(String(i)) })),
    );
    // the leaving member holds one record of its partition while it stops; the rest of that
    // partition waits with no new record to come
    await leavingBusy;
    const stopped = leaving.stop();
    release();
    await stopped;
    await a.until(20 - handledByLeaving);
    expect(a.seen.length + handledByLeaving).toBe(20);
    expect(handledByLeaving).toBe(1);
    await bus.close();
  });

  it('keeps one waiter per idle consumer loop on a quiet partition, however long it stays quiet', async () => {
    const bus = new MemoryMessageBus();
    const members = [collector(), collector()];
    for (const [i, member] of members.entries())
      await bus
        .createConsumer({ groupId: `g${i}`, topics: ['quiet'], handler: member.handler })
        .start();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(bus.log('quiet')[0]!.waiting).toBe(2);
    await bus.close();
    expect(bus.log('quiet')[0]!.waiting).toBe(0);
  });

  it('gives every group its own copy of each record', async () => {
    const bus = new MemoryMessageBus();
    const a = collector();
    const b = collector();
    await bus.createConsumer({ groupId: 'gw-1', topics: ['t'], handler: a.handler }).start();
    await bus.createConsumer({ groupId: 'gw-2', topics: ['t'], handler: b.handler }).start();
    await (await bus.createProducer()).send('t', [{ value: value('e') }]);
    await Promise.all([a.until(1), b.until(1)]);
    await bus.close();
  });

  it('bounds each partition by the retention and counts what it dropped', async () => {
    const bus = new MemoryMessageBus({ retentionRecords: 3 });
    const producer = await bus.createProducer();
    await producer.send(
      't',
      Array.from({ length: 5 }, (_, i) => ({ value: value(String(i)) })),
    );
    expect(bus.stats()).toEqual({ topics: 1, records: 3, dropped: 2 });
    const c = collector();
    await bus
      .createConsumer({ groupId: 'g', topics: ['t'], fromBeginning: true, handler: c.handler })
      .start();
    await c.until(3);
    expect(c.seen.map((r) => r.offset)).toEqual(['2', '3', '4']);
    await bus.close();
  });

  it('refuses to send on a disconnected producer', async () => {
    const bus = new MemoryMessageBus();
    const producer = await bus.createProducer();
    await producer.disconnect();
    await expect(producer.send('t', [{ value: value('x') }])).rejects.toThrow(
      'producer is disconnected',
    );
  });
});
