import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startPrivateKafka, waitFor, type PrivateServer } from '@teranode-p2p/testing';
import { EventProducer, subtreeEvent } from './support/event-producer.js';
import { FeedTestClient, waitUntilConsuming } from './support/feed-client.js';
import { startGateway, type RunningGateway } from './support/gateway-process.js';

// A private broker (the shared one is never stopped): while it is down the gateway keeps its
// clients and keepalive and says it is not ready; once it is back, events flow again.
describe('ws-gateway through a Kafka outage', () => {
  let kafka: PrivateServer;
  let producer: EventProducer;
  let gateway: RunningGateway;
  let client: FeedTestClient;

  beforeAll(async () => {
    kafka = await startPrivateKafka(19392, 19393);
    producer = await EventProducer.create(1, [kafka.address]);
    gateway = await startGateway(producer.topic, {
      KAFKA_BROKERS: kafka.address,
      ws_ping_interval: '500ms',
    });
    client = await FeedTestClient.connect(gateway.wsUrl);
    await waitUntilConsuming(producer, [client]);
  }, 180_000);

  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await producer?.close();
    await kafka?.destroy();
  }, 60_000);

  it('keeps serving while the broker is down and delivers again once it is back', async () => {
    await kafka.stop();
    await waitFor(
      'readiness to report the broker down',
      async () => (await fetch(`${gateway.httpUrl}/health/readiness`)).status === 503,
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    const pingsBefore = client.frames.filter((f) => f.json['type'] === 'PING').length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(client.frames.filter((f) => f.json['type'] === 'PING').length).toBeGreaterThan(
      pingsBefore,
    );
    expect(client.closed).toBeUndefined();
    const stats = await (await fetch(`${gateway.httpUrl}/p2p-ws/stats`)).json();
    expect(stats).toMatchObject({ clients: 1 });
    const late = await FeedTestClient.connect(gateway.wsUrl);

    await kafka.start();
    await waitFor(
      'readiness to recover',
      async () => (await fetch(`${gateway.httpUrl}/health/readiness`)).status === 200,
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    let n = 0;
    await waitFor(
      'both clients to receive an event produced after the outage',
      async () => {
        const got = (c: FeedTestClient) =>
          c.events().some((f) => String(f.json['hash']).startsWith('after-outage'));
        if (got(client) && got(late)) return true;
        await producer.send(subtreeEvent(`after-outage-${n++}`));
        return false;
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    expect(gateway.app.process.exitCode).toBeNull();
    late.close();
  }, 180_000);
});
