import { describe, expect, it } from '@jest/globals';
import { MemoryMessageBus, openServiceBus } from '@teranode-p2p/kafka';
import { messageBusCheck } from './dependency-checks.js';

const STOPPED =
  'consumer group bridge (p2p.events): stopped by the Kafka client (Not authorized to access topics); starting it again in 1000 ms';

class BusWithStoppedConsumer extends MemoryMessageBus {
  override consumerFailures(): string[] {
    return [STOPPED];
  }
}

const check = (bus: Parameters<typeof messageBusCheck>[0]) =>
  messageBusCheck(bus)({ signal: new AbortController().signal });

describe('messageBusCheck', () => {
  it('passes while the bus answers and its consumers run', async () => {
    const bus = openServiceBus({ service: 'ws-gateway', brokers: [], clientIdPrefix: 'check' });
    const consumer = bus.createConsumer({ groupId: 'g', topics: ['t'], handler: async () => {} });
    await consumer.start();
    await expect(check(bus)).resolves.toEqual({ kind: 'memory' });
    await bus.close();
  });

  it('fails naming every consumer that does not move, with the cause', async () => {
    await expect(check(new BusWithStoppedConsumer())).rejects.toMatchObject({
      name: 'NotReadyError',
      message: STOPPED,
      details: { kind: 'memory', consumerFailures: [STOPPED] },
    });
  });
});
