import { beforeAll, describe, expect, it } from '@jest/globals';
import type { p2p_events } from '@teranode-p2p/contracts';
import { waitFor } from '@teranode-p2p/testing';
import {
  adminMetadata,
  BAN,
  call,
  PEERS,
  type BanServiceProcess,
} from './support/ban-service-process.js';
import { summarise } from './support/ban-event-collector.js';
import { banTestEnvForSuite } from './support/ban-test-env.js';

const PEER = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';
const AGREE_WITHIN_MS = 1000;

// Two processes of the built app on one PostgreSQL and one Kafka topic.
describe('two replicas on one database', () => {
  const env = banTestEnvForSuite();
  let a: BanServiceProcess;
  let b: BanServiceProcess;

  const ban = (svc: BanServiceProcess, target: string) =>
    call(
      svc.ban,
      BAN.ban,
      { target, duration_seconds: '3600', until: '0', reason: '' },
      adminMetadata(),
    );
  const unban = (svc: BanServiceProcess, target: string) =>
    call(svc.ban, BAN.unban, { target }, adminMetadata());
  const isBanned = async (svc: BanServiceProcess, ipOrSubnet: string) =>
    (await call(svc.peers, PEERS.isBanned, { ipOrSubnet })).isBanned;
  const listed = async (svc: BanServiceProcess) =>
    (await call(svc.peers, PEERS.listBanned, {})).banned;
  const stored = async () =>
    (
      await env.rows(
        'SELECT cidr::text AS v FROM bans UNION ALL SELECT peer_id FROM peer_bans ORDER BY v',
      )
    ).map((r) => r['v']);

  beforeAll(async () => {
    [a, b] = await Promise.all([env.start(), env.start()]);
  }, 60_000);

  it(`a ban made on A is answered by B within ${AGREE_WITHIN_MS} ms, and an unban on B by A`, async () => {
    await ban(a, '10.10.0.0/16');
    const started = Date.now();
    await waitFor('B to see the ban', () => isBanned(b, '10.10.3.4'), {
      timeoutMs: AGREE_WITHIN_MS,
      intervalMs: 10,
    });
    const seenAfterMs = Date.now() - started;
    expect(seenAfterMs).toBeLessThan(AGREE_WITHIN_MS);
    await unban(b, '10.10.0.0/16');
    await waitFor('A to see the unban', async () => !(await isBanned(a, '10.10.3.4')), {
      timeoutMs: AGREE_WITHIN_MS,
      intervalMs: 10,
    });
  });

  it('a score ban reached through B is answered by A; WatchBans on A streams it', async () => {
    const seen: p2p_events.BanEvent[] = [];
    const stream = a.ban.watchBans({});
    stream.on('data', (event: p2p_events.BanEvent) => seen.push(event));
    stream.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await call(b.ban, BAN.addScore, { peer_id: PEER, reason: 'spam' }, adminMetadata());
    await call(b.ban, BAN.addScore, { peer_id: PEER, reason: 'spam' }, adminMetadata());
    await waitFor('A to see the score ban', () => isBanned(a, PEER), {
      timeoutMs: AGREE_WITHIN_MS,
    });
    await waitFor('the streamed event', () => seen.find((e) => e.value === PEER));
    expect(summarise(seen.find((e) => e.value === PEER)!)).toBe(`ADDED|PEER|${PEER}`);
    stream.cancel();
    expect((await call(a.ban, BAN.getScore, { peer_id: PEER })).score).toBe(100);
  });

  it('concurrent changes on both replicas: both end with exactly what Postgres holds', async () => {
    const targets = Array.from({ length: 40 }, (_, i) => `10.20.${i}.0/24`);
    await Promise.all(
      targets.map((t, i) =>
        (i % 3 === 0 ? unban(i % 2 ? a : b, t) : ban(i % 2 ? a : b, t)).catch(() => undefined),
      ),
    );
    await Promise.all(targets.slice(0, 10).map((t, i) => unban(i % 2 ? b : a, t)));
    const expected = await stored();
    await waitFor(
      'both replicas to agree with Postgres',
      async () => {
        const [fromA, fromB] = await Promise.all([listed(a), listed(b)]);
        return (
          JSON.stringify(fromA) === JSON.stringify(expected) &&
          JSON.stringify(fromB) === JSON.stringify(expected)
        );
      },
      { timeoutMs: AGREE_WITHIN_MS },
    );
  });

  it('kill -9 right after a ban: nothing lost after restart, no duplicate entry, the event at least once', async () => {
    await ban(a, '10.30.0.1');
    a.app.process.kill('SIGKILL');
    await a.app.exited;
    expect(await isBanned(b, '10.30.0.1')).toBe(true);
    a = await env.start();
    expect(await isBanned(a, '10.30.0.1')).toBe(true);
    expect(await listed(a)).toEqual(await listed(b));
    const all = await listed(a);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(await stored());
    // Every change is published at least once, even the one the killed replica committed. A
    // replica killed after sending a batch and before deleting it from the outbox leaves it
    // there, and it is sent again: the same event (same time), which appliers take as a no-op.
    await waitFor('the event of the killed replica', () =>
      env.events.events.some((e) => e.event.value === '10.30.0.1/32'),
    );
    await waitFor(
      'the outbox to drain',
      async () => (await env.rows('SELECT id FROM ban_event_outbox')).length === 0,
    );
    const added = env.events.events.filter((e) => summarise(e.event) === 'ADDED|IP|10.30.0.1/32');
    expect(added.length).toBeGreaterThanOrEqual(1);
    expect(new Set(added.map((e) => String(e.event.at_ms))).size).toBe(1);
  });

  it('a graceful restart of B reloads the same state', async () => {
    const before = await listed(b);
    await b.stop();
    b = await env.start();
    expect(await listed(b)).toEqual(before);
  });

  it('a replica whose listener connection is cut reconnects, reloads, and catches up', async () => {
    await env.rows(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ban-service-listener'",
    );
    await ban(a, '10.40.0.0/16');
    await waitFor('B to see a ban made while it was reconnecting', () => isBanned(b, '10.40.1.1'), {
      timeoutMs: 5000,
    });
    await ban(b, '10.41.0.0/16');
    await waitFor('A to see the next ban', () => isBanned(a, '10.41.1.1'), {
      timeoutMs: AGREE_WITHIN_MS,
    });
    // The operator reads both the loss and the recovery in B's log.
    const said = b.app.output();
    expect(said).toContain('ban change listener lost its connection: reconnecting');
    expect(said).toContain('ban change listener reconnected; ban state reloaded from the tables');
  });
});
