import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { processMessageBus } from '@teranode-p2p/kafka';
import { startService } from '@teranode-p2p/service-runtime';
import { freePort, waitFor } from '@teranode-p2p/testing';
import { pino } from 'pino';
import { banServiceDefinition } from '../src/index.js';

// The embedded local network runs every service in one process on the in-process bus
// (design.md §7): ban-service borrows that bus and must leave the other services' consumers
// (gossip-node's ban events, ws-gateway's and kafka-bridge's p2p.events) running when it stops.
describe('ban-service in one process with the other services (in-process bus)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ban-service-shared-bus-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stopping ban-service does not silence the other consumers of the process bus', async () => {
    const settings = loadSettings({
      env: {
        data_dir: dataDir,
        ban_service_grpc_listen_address: `127.0.0.1:${await freePort()}`,
        ban_service_http_listen_address: `127.0.0.1:${await freePort()}`,
      },
    });
    const bus = processMessageBus();
    const seenByNeighbour: string[] = [];
    const neighbour = bus.createConsumer({
      groupId: 'another-service-of-the-process',
      topics: [settings.KAFKA_P2P_EVENTS],
      handler: async (record) => void seenByNeighbour.push(record.value?.toString() ?? ''),
    });
    await neighbour.start();
    const producer = await bus.createProducer();
    try {
      const service = await startService(banServiceDefinition, settings, pino({ level: 'silent' }));
      await producer.send(settings.KAFKA_P2P_EVENTS, [{ value: Buffer.from('before') }]);
      await waitFor('the neighbour to consume', () => seenByNeighbour.includes('before'));
      await service.close();
      await producer.send(settings.KAFKA_P2P_EVENTS, [{ value: Buffer.from('after') }]);
      await waitFor('the neighbour to keep consuming after ban-service stopped', () =>
        seenByNeighbour.includes('after'),
      );
      expect(seenByNeighbour).toEqual(['before', 'after']);
    } finally {
      await producer.disconnect();
      await neighbour.stop();
    }
  }, 60_000);
});
