import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestDatabase,
  freePort,
  startPrivateKafka,
  uniqueName,
  waitFor,
  type PrivateServer,
  type TestDatabase,
} from '@teranode-p2p/testing';
import pg from 'pg';
import { BanEventCollector } from './support/ban-event-collector.js';
import {
  adminMetadata,
  BAN,
  call,
  PEERS,
  startBanService,
  type BanServiceProcess,
} from './support/ban-service-process.js';

// A broker of this test's own, stopped while bans are made: the bans work, their events wait
// in the Postgres outbox, and reach the topic, in order, once the broker is back.
describe('Kafka outage', () => {
  let kafka: PrivateServer;
  let database: TestDatabase;
  let svc: BanServiceProcess;
  let events: BanEventCollector | undefined;
  const topic = uniqueName('ban-events');
  const outbox = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM ban_event_outbox')).rows[0].n);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    kafka = await startPrivateKafka(await freePort(), await freePort());
    database = await createTestDatabase('ban');
    svc = await startBanService({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafka.address,
      KAFKA_BAN_EVENTS: topic,
      kafka_stall_timeout: '1s',
    });
  }, 180_000);

  afterAll(async () => {
    await svc?.stop('SIGKILL');
    await events?.close();
    await kafka?.destroy();
    await database?.drop();
  }, 60_000);

  it('bans made while the broker is down are answered, kept, and published once it is back', async () => {
    await kafka.stop();
    for (const target of ['10.60.0.1', '10.60.0.2', '10.60.0.0/24']) {
      await call(
        svc.ban,
        BAN.ban,
        { target, duration_seconds: '3600', until: '0', reason: '' },
        adminMetadata(),
      );
    }
    expect(await call(svc.peers, PEERS.isBanned, { ipOrSubnet: '10.60.0.77' })).toEqual({
      isBanned: true,
    });
    expect(await outbox()).toBe(3);
    await waitFor('readiness to name the stalled outbox', async () => {
      const ready = await fetch(`${svc.httpUrl}/health/readiness`);
      return ready.status === 503 && (await ready.text()).includes(`ban events to ${topic}`);
    });

    await kafka.start();
    events = new BanEventCollector([kafka.address], topic);
    await events.start();
    expect(await events.summary(3, 60_000)).toEqual([
      'ADDED|IP|10.60.0.1/32',
      'ADDED|IP|10.60.0.2/32',
      'ADDED|SUBNET|10.60.0.0/24',
    ]);
    await waitFor('the outbox to be empty', async () => (await outbox()) === 0);
    await waitFor('the log to say publishing works again', () =>
      svc.app.output().includes('publishing ban events works again'),
    );
  }, 180_000);
});
