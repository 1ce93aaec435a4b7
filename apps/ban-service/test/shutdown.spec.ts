import { status, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { waitFor } from '@teranode-p2p/testing';
import { adminMetadata, BAN, call } from './support/ban-service-process.js';
import { banTestEnvForSuite } from './support/ban-test-env.js';

/** runServiceMain's bound on a shutdown. */
const SHUTDOWN_GRACE_MS = 20_000;
const WORKERS = 8;

interface Attempt {
  ip: string;
  startedAt: number;
  code: number;
  details: string;
}

const normalise = (value: string) => value.replace(/\/32$/, '');

// The built ban-service on real PostgreSQL and Kafka, stopped with SIGTERM under a stream of
// Ban calls from several clients at once.
describe('ban-service shutdown', () => {
  const env = banTestEnvForSuite();

  it('on SIGTERM answers the calls in flight, refuses new ones, writes nothing by halves and exits 0', async () => {
    const svc = await env.start();
    const attempts: Attempt[] = [];
    let next = 0;
    const worker = async () => {
      for (;;) {
        const n = next++;
        const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        const startedAt = Date.now();
        try {
          await call(
            svc.ban,
            BAN.ban,
            { target: ip, duration_seconds: '3600', until: '0', reason: 'shutdown test' },
            adminMetadata(),
          );
          attempts.push({ ip, startedAt, code: status.OK, details: '' });
        } catch (error) {
          const { code, details } = error as ServiceError;
          attempts.push({ ip, startedAt, code, details });
          return;
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    await waitFor('200 bans answered', () => attempts.length >= 200, { timeoutMs: 30_000 });

    const sigtermAt = Date.now();
    svc.app.process.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      svc.app.exited,
      new Promise((resolve) => (timer = setTimeout(() => resolve('running'), SHUTDOWN_GRACE_MS))),
    ]);
    clearTimeout(timer);
    const tookMs = Date.now() - sigtermAt;
    await Promise.all(workers);
    if (code !== 0) console.log(svc.app.output().split('\n').slice(-10).join('\n'));
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_GRACE_MS);
    expect(svc.app.output()).toContain('ban-service stopped');

    // Every call sent before the signal was answered; later ones were refused, not cut off.
    const failed = attempts.filter((a) => a.code !== status.OK);
    expect(failed).toHaveLength(WORKERS);
    for (const attempt of failed) {
      expect([attempt.code, attempt.details]).toEqual([status.UNAVAILABLE, expect.any(String)]);
    }
    const answeredBefore = attempts.filter((a) => a.startedAt < sigtermAt - 50);
    expect(answeredBefore.every((a) => a.code === status.OK)).toBe(true);

    // What was answered OK is stored, nothing else is; each stored ban has its event, on the
    // topic or still in the outbox for the next start.
    const ok = attempts.filter((a) => a.code === status.OK).map((a) => a.ip);
    const stored = (await env.rows('SELECT host(cidr) AS ip FROM bans')).map((r) =>
      String(r['ip']),
    );
    expect(stored.sort()).toEqual([...ok].sort());
    const outbox = (await env.rows('SELECT event_key FROM ban_event_outbox')).map((r) =>
      normalise(String(r['event_key'])),
    );
    await waitFor('the published events', () =>
      env.events.events.length + outbox.length >= ok.length ? true : undefined,
    );
    const announced = env.events.events
      .filter((e) => e.event.action === p2p_events.BanAction.BAN_ACTION_ADDED)
      .map((e) => normalise(e.event.value));
    expect([...new Set([...announced, ...outbox])].sort()).toEqual([...ok].sort());
    console.log(
      `ban-service SIGTERM: ${ok.length} bans answered, ${failed.length} refused after the signal, exit ${code} in ${tookMs} ms, ${outbox.length} events left in the outbox`,
    );
  }, 90_000);
});
