import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  requireKafka,
  startPrivatePostgres,
  uniqueName,
  type PrivateServer,
} from '@teranode-p2p/testing';
import {
  adminMetadata,
  BAN,
  call,
  failure,
  startBanService,
  type BanServiceProcess,
} from './support/ban-service-process.js';

const ADMIN_KEY = 'Adm1n-Secret-Key-94b2e7';
const DB_PASSWORD = 'Pg-S3cret-Passw0rd-71';
const PRIVATE_KEY = 'c3'.repeat(32) + '5a'.repeat(32);
const SHARED_KEY = '9d'.repeat(32);

// The built ban-service at debug level, with every secret setting set, through startup, good
// and bad requests (some carrying the secrets themselves) and a shutdown.
describe('secrets never reach the logs of ban-service', () => {
  let postgres: PrivateServer;
  let svc: BanServiceProcess;

  beforeAll(async () => {
    const brokers = await requireKafka();
    // A cluster of the test's own, so the URL can carry a password of the test's choosing.
    postgres = await startPrivatePostgres();
    const url = new URL(postgres.address);
    url.password = DB_PASSWORD;
    svc = await startBanService({
      log_level: 'debug',
      grpc_admin_api_key: ADMIN_KEY,
      DATABASE_URL: url.toString(),
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_BAN_EVENTS: uniqueName('ban-events'),
      p2p_private_key: PRIVATE_KEY,
      p2p_shared_key: SHARED_KEY,
    });
  }, 120_000);

  afterAll(async () => {
    await svc?.stop('SIGKILL');
    await postgres?.destroy();
  });

  it('writes none of them to stdout or stderr', async () => {
    const ban = (target: string, reason = 'test', key = ADMIN_KEY) =>
      call(
        svc.ban,
        BAN.ban,
        { target, duration_seconds: '60', until: '0', reason },
        adminMetadata(key),
      );
    await ban('10.9.0.1', `reason with ${DB_PASSWORD}`);
    expect((await failure(ban('10.9.0.2', 'test', `${ADMIN_KEY}x`))).details).toBe(
      'invalid API key',
    );
    for (const target of [ADMIN_KEY, `postgres://teranode:${DB_PASSWORD}@db/x`, PRIVATE_KEY])
      expect((await failure(ban(target))).code).toBeGreaterThan(0);
    await failure(
      call(svc.ban, BAN.addScore, { peer_id: SHARED_KEY, reason: ADMIN_KEY }, adminMetadata()),
    );
    await fetch(`${svc.httpUrl}/health/readiness`);
    await fetch(`${svc.httpUrl}/metrics`);
    expect(await svc.stop('SIGTERM')).toBe(0);

    const output = svc.app.output().toLowerCase();
    expect(output).toContain('ban-service stopped');
    for (const secret of [ADMIN_KEY, DB_PASSWORD, PRIVATE_KEY.slice(0, 64), SHARED_KEY])
      expect([secret, output.includes(secret.toLowerCase())]).toEqual([secret, false]);
  }, 60_000);
});
