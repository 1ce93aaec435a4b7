import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import { Registry } from 'prom-client';
import { ConsumerLagGauge, LAG_READ_TIMEOUT_MS } from './consumer-lag.js';
import { MemoryMessageBus } from './memory-message-bus.js';

async function lagLines(registry: Registry): Promise<string[]> {
  return (await registry.metrics())
    .split('\n')
    .filter((l) => l.startsWith('test_kafka_consumer_lag{'));
}

describe('consumer lag on the in-process bus', () => {
  it('counts records not yet handled on each owned partition, back to 0 once handled', async () => {
    const bus = new MemoryMessageBus({ defaultPartitions: 2 });
    await bus.ensureTopics([{ topic: 't', partitions: 2 }]);
    const registry = new Registry();
    const gauge = new ConsumerLagGauge({ name: 'test_kafka_consumer_lag', registers: [registry] });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let handled = 0;
    const consumer = bus.createConsumer({
      groupId: 'g',
      topics: ['t'],
      lag: gauge,
      handler: async () => {
        await gate;
        handled++;
      },
    });
    await consumer.start();
    const producer = await bus.createProducer();
    await producer.send(
      't',
      Array.from({ length: 7 }, (_, i) => ({ key: `key-${i}`, value: Buffer.from(String(i)) })),
    );
    await sleep(50);
    const lags = await consumer.lag();
    expect(lags.reduce((sum, l) => sum + l.lag, 0)).toBe(7);
    expect(lags.map((l) => l.partition).sort()).toEqual([0, 1]);
    const lines = await lagLines(registry);
    expect(lines).toHaveLength(2);
    expect(lines.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0)).toBe(7);
    expect(lines[0]).toContain('group="g",topic="t",partition=');

    release();
    await waitFor('7 records handled', () => handled >= 7);
    expect((await consumer.lag()).map((l) => l.lag)).toEqual([0, 0]);

    await consumer.stop();
    expect(await lagLines(registry)).toEqual([]);
    expect(gauge.size).toBe(0);
    await bus.close();
  });

  it('reports only the partitions a member owns, so two members of a group add up', async () => {
    const bus = new MemoryMessageBus();
    await bus.ensureTopics([{ topic: 't', partitions: 4 }]);
    const gauge = new ConsumerLagGauge({ name: 'test_kafka_consumer_lag', registers: [] });
    const blocked = () => new Promise<void>(() => undefined);
    const a = bus.createConsumer({ groupId: 'g', topics: ['t'], lag: gauge, handler: blocked });
    const b = bus.createConsumer({ groupId: 'g', topics: ['t'], lag: gauge, handler: blocked });
    await a.start();
    await b.start();
    expect((await a.lag()).map((l) => l.partition)).toEqual([0, 2]);
    expect((await b.lag()).map((l) => l.partition)).toEqual([1, 3]);
    expect(gauge.size).toBe(2);
    await bus.close();
  });

  it('leaves out, within the time bound, a consumer whose lag cannot be read', async () => {
    const registry = new Registry();
    const gauge = new ConsumerLagGauge({ name: 'test_kafka_consumer_lag', registers: [registry] });
    gauge.add({ groupId: 'hangs', lag: () => new Promise(() => undefined) });
    gauge.add({ groupId: 'fails', lag: () => Promise.reject(new Error('broker down')) });
    gauge.add({ groupId: 'fine', lag: async () => [{ topic: 't', partition: 0, lag: 3 }] });
    const started = Date.now();
    expect(await lagLines(registry)).toEqual([
      'test_kafka_consumer_lag{group="fine",topic="t",partition="0"} 3',
    ]);
    expect(Date.now() - started).toBeLessThan(LAG_READ_TIMEOUT_MS + 1000);
  });

  it('insists on the <service>_kafka_consumer_lag name', () => {
    expect(() => new ConsumerLagGauge({ name: 'lag', registers: [] })).toThrow(
      'consumer lag metric lag must be named <service>_kafka_consumer_lag',
    );
  });
});
