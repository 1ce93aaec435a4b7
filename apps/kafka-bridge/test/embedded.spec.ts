import { describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { blocksTopic, DLQ_HEADERS } from '@teranode-p2p/contracts';
import { processMessageBus, type IncomingRecord } from '@teranode-p2p/kafka';
import { startService } from '@teranode-p2p/service-runtime';
import { freePort, waitFor } from '@teranode-p2p/testing';
import { pino } from 'pino';
import { kafkaBridgeDefinition } from '../src/index.js';
import { blockEvent, hashOf, SENDER, DATA_HUB } from './support/bridge-fixture.js';

// Without KAFKA_BROKERS the bridge runs on the process's in-process bus, as in the embedded
// local network where every service shares one process.
describe('kafka-bridge on the in-process bus', () => {
  it('forwards announcements and dead-letters garbage without Kafka', async () => {
    const settings = loadSettings({
      env: {
        kafka_bridge_http_listen_address: `127.0.0.1:${await freePort()}`,
        ban_service_grpc_address: `127.0.0.1:${await freePort()}`,
      },
    });
    const service = await startService(kafkaBridgeDefinition, settings, pino({ level: 'silent' }));
    const bus = processMessageBus();
    const seen: IncomingRecord[] = [];
    const reader = bus.createConsumer({
      groupId: 'embedded-test-reader',
      topics: [settings.KAFKA_BLOCKS, settings.KAFKA_DLQ],
      fromBeginning: true,
      handler: async (record) => void seen.push(record),
    });
    await reader.start();
    const producer = await bus.createProducer();
    try {
      const hash = hashOf(1, 7);
      await producer.send(settings.KAFKA_P2P_EVENTS, [
        { value: Buffer.from('garbage!') },
        { value: blockEvent(hash) },
      ]);
      await waitFor('the block and the dead letter', () => seen.length >= 2);
      const block = seen.find((r) => r.topic === settings.KAFKA_BLOCKS)!;
      // Today's Teranode keys blocks by the hash's display hex (kafka_announcement_key default).
      expect(block.key!.toString()).toBe(hash);
      expect(blocksTopic.decode(block.value!)).toEqual({
        hash,
        URL: DATA_HUB,
        peer_id: SENDER,
      });
      const letter = seen.find((r) => r.topic === settings.KAFKA_DLQ)!;
      expect(letter.value!.toString()).toBe('garbage!');
      expect(letter.headers[DLQ_HEADERS.topic]!.toString()).toBe(settings.KAFKA_P2P_EVENTS);
    } finally {
      await producer.disconnect();
      await reader.stop();
      await service.close();
    }
    // The shared bus outlives the service: other services of the process keep using it.
    const after = await bus.createProducer();
    await expect(after.send('still-open', [{ value: Buffer.from('x') }])).resolves.toEqual({
      refused: [],
      requests: 1,
    });
  });
});
