import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import { Registry } from 'prom-client';
import { MemoryMessageBus } from './memory-message-bus.js';
import type { BusConsumer, ConsumerOptions, IncomingRecord } from './message-bus.js';
import { openServiceBus, processMessageBus } from './service-bus.js';

describe('openServiceBus', () => {
  it('has every service of a process borrow the in-process bus when no brokers are set', async () => {
    const gossip = openServiceBus({ service: 'gossip-node', brokers: [], clientIdPrefix: 'p2p' });
    const gateway = openServiceBus({ service: 'ws-gateway', brokers: [], clientIdPrefix: 'p2p' });
    expect([gossip.kind, gossip.ownership, gossip.clientId]).toEqual([
      'memory',
      'borrowed',
      'p2p-gossip-node',
    ]);
    expect(gateway.ownership).toBe('borrowed');
    // What one produces, the other consumes: they share the process's bus.
    const seen: string[] = [];
    const consumer = gateway.createConsumer({
      groupId: 'g',
      topics: ['service-bus-spec'],
      handler: async (record) => void seen.push(record.value!.toString()),
    });
    await consumer.start();
    const producer = await gossip.createProducer();
    await producer.send('service-bus-spec', [{ value: Buffer.from('hello') }]);
    await waitFor('the record', () => seen.length === 1);
    expect(seen).toEqual(['hello']);
    await gossip.close();
    await gateway.close();
    // Closing the services never closed the process's bus.
    await expect(
      (await processMessageBus().createProducer()).send('service-bus-spec', [
        { value: Buffer.from('x') },
      ]),
    ).resolves.toEqual({ refused: [], requests: 1 });
  });

  it('owns its own Kafka clients when brokers are set', () => {
    const bus = openServiceBus({
      service: 'ban-service',
      brokers: ['127.0.0.1:9'],
      clientIdPrefix: 'teranode-p2p',
    });
    expect([bus.kind, bus.ownership, bus.clientId]).toEqual([
      'kafka',
      'owned',
      'teranode-p2p-ban-service',
    ]);
  });

  it('closes only what a borrowing service created: the other services keep consuming', async () => {
    const shared = new MemoryMessageBus();
    const open = (service: string) =>
      openServiceBus({ service, brokers: [], clientIdPrefix: 'p2p', shared });
    const ban = open('ban-service');
    const gateway = open('ws-gateway');
    const seenByGateway: IncomingRecord[] = [];
    const seenByBan: IncomingRecord[] = [];
    await gateway
      .createConsumer({
        groupId: 'gw',
        topics: ['t'],
        handler: async (r) => void seenByGateway.push(r),
      })
      .start();
    await ban
      .createConsumer({
        groupId: 'ban',
        topics: ['t'],
        handler: async (r) => void seenByBan.push(r),
      })
      .start();
    const banProducer = await ban.createProducer();
    const producer = await shared.createProducer();

    await ban.close();
    await expect(banProducer.send('t', [{ value: Buffer.from('x') }])).rejects.toThrow(
      'producer is disconnected',
    );
    await producer.send('t', [{ value: Buffer.from('after ban-service stopped') }]);
    await waitFor('ws-gateway to consume', () => seenByGateway.length === 1);
    await sleep(50);
    expect(seenByBan).toEqual([]);
    await gateway.close();
    await shared.close();
  });

  it("reports every consumer to the service's lag gauge, created with the first consumer", async () => {
    const registry = new Registry();
    const bus = openServiceBus({
      service: 'kafka-bridge',
      brokers: [],
      clientIdPrefix: 'p2p',
      registry,
      shared: new MemoryMessageBus(),
    });
    expect(bus.lag).toBeUndefined();
    expect(await registry.metrics()).not.toContain('kafka_consumer_lag');
    const consumer = bus.createConsumer({ groupId: 'g', topics: ['t'], handler: async () => {} });
    await consumer.start();
    await (await bus.createProducer()).send('t', []);
    expect(bus.lag?.size).toBe(1);
    expect(await registry.metrics()).toContain(
      'kafka_bridge_kafka_consumer_lag{group="g",topic="t",partition="0"} 0',
    );
    await consumer.stop();
    expect(bus.lag?.size).toBe(0);
    await bus.close();
  });

  it('reports the failures of its own consumers only, not those of other services on the bus', async () => {
    class BusStoppingGroup extends MemoryMessageBus {
      override createConsumer(options: ConsumerOptions): BusConsumer {
        const consumer = super.createConsumer(options);
        const failure =
          options.groupId === 'stopped' ? 'stopped by the Kafka client (denied)' : undefined;
        return {
          ...consumer,
          start: () => consumer.start(),
          stop: () => consumer.stop(),
          failure: () => failure,
        };
      }
    }
    const shared = new BusStoppingGroup();
    const gateway = openServiceBus({
      service: 'ws-gateway',
      brokers: [],
      clientIdPrefix: 'p2p',
      shared,
    });
    const bridge = openServiceBus({
      service: 'kafka-bridge',
      brokers: [],
      clientIdPrefix: 'p2p',
      shared,
    });
    const handler = async () => {};
    gateway.createConsumer({ groupId: 'running', topics: ['a'], handler });
    bridge.createConsumer({ groupId: 'stopped', topics: ['b'], handler });
    expect(gateway.consumerFailures()).toEqual([]);
    expect(bridge.consumerFailures()).toEqual(['stopped by the Kafka client (denied)']);
    await shared.close();
  });
});
