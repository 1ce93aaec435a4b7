import { describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { p2pEventsTopic } from '@teranode-p2p/contracts';
import { processMessageBus } from '@teranode-p2p/kafka';
import { startService } from '@teranode-p2p/service-runtime';
import { freePort, waitFor } from '@teranode-p2p/testing';
import { wsGatewayDefinition } from '../src/ws-gateway.definition.js';
import { p2pEvent, subtreeEvent } from './support/event-producer.js';
import { FeedTestClient } from './support/feed-client.js';

// The embedded local network: no KAFKA_BROKERS, services composed in one process share the
// in-process bus; closing ws-gateway must leave that bus working for the others.
describe('ws-gateway in one process with the other services (in-process bus)', () => {
  it('feeds clients from the process bus and leaves the bus open when it stops', async () => {
    const port = await freePort();
    const settings = loadSettings({
      env: { p2p_http_listen_address: `127.0.0.1:${port}`, log_level: 'silent' },
    });
    const service = await startService(wsGatewayDefinition, settings);
    const bus = processMessageBus();
    const seenByNeighbour: string[] = [];
    const producer = await bus.createProducer();
    const neighbour = bus.createConsumer({
      groupId: 'another-service',
      topics: [settings.KAFKA_P2P_EVENTS],
      handler: async (record) => void seenByNeighbour.push(record.value?.toString('latin1') ?? ''),
    });
    await neighbour.start();
    try {
      const client = await FeedTestClient.connect(`ws://127.0.0.1:${port}/p2p-ws`);
      await producer.send(settings.KAFKA_P2P_EVENTS, [
        p2pEventsTopic.toRecord(subtreeEvent('in-process')),
        p2pEventsTopic.toRecord(p2pEvent({ rejected_tx: { tx_id: 't' } })),
      ]);
      const frames = await client.waitForEvents(1);
      expect(frames.map((f) => f.json['hash'])).toEqual(['in-process']);
      await service.close();
      expect((await client.waitForClose()).code).toBe(1001);
      await producer.send(settings.KAFKA_P2P_EVENTS, [{ value: Buffer.from('after-gateway') }]);
      await waitFor('the other service to keep consuming', () =>
        seenByNeighbour.includes('after-gateway'),
      );
    } finally {
      await neighbour.stop();
      await producer.disconnect();
    }
  });
});
