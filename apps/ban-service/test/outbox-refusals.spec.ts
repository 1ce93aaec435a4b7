import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KafkaMessageBus } from '@teranode-p2p/kafka';
import {
  createTestDatabase,
  requireKafka,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@teranode-p2p/testing';
import { BanEventCollector } from './support/ban-event-collector.js';
import {
  adminMetadata,
  BAN,
  call,
  startBanService,
  type BanServiceProcess,
} from './support/ban-service-process.js';

// The ban-events topic takes records of at most 300 bytes: a ban with a 256-character reason
// makes an event it refuses. That event is dropped and counted; the ones after it go out.
describe('ban events the topic refuses', () => {
  let database: TestDatabase;
  let svc: BanServiceProcess;
  let events: BanEventCollector;
  const topic = uniqueName('ban-events');

  beforeAll(async () => {
    const brokers = await requireKafka();
    const admin = new KafkaMessageBus({ brokers, clientId: uniqueName('topics') });
    await admin.ensureTopics([{ topic, maxMessageBytes: 300 }]);
    await admin.close();
    database = await createTestDatabase('ban');
    svc = await startBanService({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_BAN_EVENTS: topic,
    });
    events = new BanEventCollector(brokers, topic);
    await events.start();
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await events?.close();
    await database?.drop();
  }, 60_000);

  it('cannot hold the outbox: the refused event is dropped and counted, the next one published', async () => {
    const ban = (target: string, reason: string) =>
      call(
        svc.ban,
        BAN.ban,
        { target, duration_seconds: '3600', until: '0', reason },
        adminMetadata(),
      );
    await ban('10.61.0.1', 'x'.repeat(256));
    await ban('10.61.0.2', 'spam');

    expect(await events.summary(1, 20_000)).toEqual(['ADDED|IP|10.61.0.2/32']);
    const metrics = async () => await (await fetch(`${svc.httpUrl}/metrics`)).text();
    await waitFor('the refused event counted', async () =>
      /ban_events_dropped_total\{[^}]*reason="too_large"[^}]*\} 1\b/.test(await metrics()),
    );
    expect(await metrics()).toMatch(/ban_events_published_total(\{[^}]*\})? 1\b/);
    expect(svc.app.output()).toMatch(/refused a ban event for good; it is dropped/);
    const readiness = await fetch(`${svc.httpUrl}/health/readiness`);
    expect(readiness.status).toBe(200);
    expect(JSON.stringify(await readiness.json())).toContain('ban-events-outbox');
    expect(events.events).toHaveLength(1);
  }, 60_000);
});
