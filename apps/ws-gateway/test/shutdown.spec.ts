import { describe, expect, it } from '@jest/globals';
import { requireKafka } from '@teranode-p2p/testing';
import { Kafka, logLevel } from 'kafkajs';
import { EventProducer, subtreeEvent } from './support/event-producer.js';
import { FeedTestClient, waitUntilConsuming } from './support/feed-client.js';
import { startGateway } from './support/gateway-process.js';

describe('ws-gateway shutdown', () => {
  it('on SIGTERM closes every client with 1001, leaves its consumer group and exits 0', async () => {
    const producer = await EventProducer.create();
    const gateway = await startGateway(producer.topic);
    try {
      const clients = await Promise.all(
        Array.from({ length: 5 }, () => FeedTestClient.connect(gateway.wsUrl)),
      );
      await waitUntilConsuming(producer, clients);

      const code = await gateway.stop();
      expect(code).toBe(0);
      for (const client of clients) {
        expect(await client.waitForClose()).toEqual({ code: 1001, reason: 'server shutting down' });
      }
      const admin = new Kafka({
        brokers: await requireKafka(),
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      const { groups } = await admin.describeGroups([`ws-gateway-${gateway.replicaName}`]);
      await admin.disconnect();
      expect(groups[0]).toMatchObject({ state: 'Empty', members: [] });
    } finally {
      await gateway.app.stop('SIGKILL');
      await producer.close();
    }
  }, 60_000);

  it('restarted under the same name, does not replay what was produced while it was down', async () => {
    const producer = await EventProducer.create();
    const first = await startGateway(producer.topic);
    try {
      const client = await FeedTestClient.connect(first.wsUrl);
      await waitUntilConsuming(producer, [client]);
      expect(await first.stop()).toBe(0);
      await producer.send(subtreeEvent('while-down'));

      const second = await startGateway(producer.topic, { ws_replica_name: first.replicaName });
      try {
        const again = await FeedTestClient.connect(second.wsUrl);
        await waitUntilConsuming(producer, [again]);
        await producer.send(subtreeEvent('after-restart'));
        const frames = await again.waitForEvents(1);
        expect(frames.map((f) => f.json['hash'])).toEqual(['after-restart']);
        const metrics = await (await fetch(`${second.httpUrl}/metrics`)).text();
        expect(metrics).toMatch(/ws_gateway_event_records_total\{outcome="before_start"[^}]*\} 1/);
        again.close();
      } finally {
        await second.stop();
      }
    } finally {
      await first.app.stop('SIGKILL');
      await producer.close();
    }
  }, 90_000);
});
