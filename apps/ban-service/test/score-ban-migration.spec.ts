import { beforeAll, describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { createDataSource, migrations, runMigrations } from '@teranode-p2p/database';
import { DataSource } from 'typeorm';
import type { BanServiceProcess } from './support/ban-service-process.js';
import { adminMetadata, BAN, call, PEERS } from './support/ban-service-process.js';
import { banTestEnvForSuite } from './support/ban-test-env.js';

const BANNED = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';
const ENDED = 'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N';
const SCORED = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
const REASON = 'score 100 reached the threshold (spam)';
const spam = (at: number) => ({ reason: 'spam', points: 50, at: String(at) });

// A database left by the ban-service that stored a score ban twice (peer_scores.banned_until
// and a peer_bans row), started on by the current one, which migrates it (derived score bans).
describe('score bans stored before 1764200000000-derived-score-bans', () => {
  const now = Math.floor(Date.now() / 1000);
  const until = now + 3600;
  const env = banTestEnvForSuite();
  let svc: BanServiceProcess;

  const isBanned = async (ipOrSubnet: string) =>
    (await call(svc.peers, PEERS.isBanned, { ipOrSubnet })).isBanned;
  const getScore = (peer_id: string) => call(svc.ban, BAN.getScore, { peer_id });

  beforeAll(async () => {
    const options = createDataSource({ url: env.database.url }).options;
    const previous = new DataSource({ ...options, migrations: migrations.slice(0, 2) });
    await previous.initialize();
    await runMigrations(previous);
    await previous.query(
      `INSERT INTO peer_bans (peer_id, created_at, expires_at, reason, source)
       VALUES ($1, to_timestamp($2), to_timestamp($3), $4, 'score')`,
      [BANNED, now - 600, until, REASON],
    );
    const score = (peer: string, bannedUntil: number | null, lastUpdate: number, at: number[]) =>
      previous.query(
        `INSERT INTO peer_scores (peer_id, score, banned_until, last_update, recent_reasons)
         VALUES ($1, $2, to_timestamp($3), to_timestamp($4), $5)`,
        [peer, at.length * 50, bannedUntil, lastUpdate, JSON.stringify(at.map(spam))],
      );
    // Updated 10 decay intervals ago: BANNED has not decayed, SCORED has. ENDED's ban ended and
    // was swept; its score waited for the next sweep to forget it.
    await score(BANNED, until, now - 600, [now - 660, now - 600]);
    await score(ENDED, now - 60, now - 7200, [now - 7260, now - 7200]);
    await score(SCORED, null, now - 600, [now - 600]);
    await previous.destroy();
    svc = await env.start();
  }, 60_000);

  it('answers the score ban as before: IsBanned, Check, List, ListBanned', async () => {
    const entry = {
      kind: p2p_events.BanKind.BAN_KIND_PEER,
      value: BANNED,
      created_at: String(now - 600),
      expires_at: String(until),
      reason: REASON,
      source: p2p_events.BanSource.BAN_SOURCE_SCORE,
    };
    expect(await isBanned(BANNED)).toBe(true);
    expect(await call(svc.ban, BAN.check, { target: BANNED })).toEqual({ banned: true, entry });
    expect((await call(svc.ban, BAN.list, { kind: 0 })).entries).toEqual([entry]);
    expect((await call(svc.peers, PEERS.listBanned, {})).banned).toEqual([BANNED]);
  });

  it('answers the scores as before: banned ones do not decay, unbanned ones do, ended ones are forgotten', async () => {
    expect(await getScore(BANNED)).toEqual({
      peer_id: BANNED,
      score: 100,
      banned: true,
      banned_until: String(until),
      recent_reasons: [spam(now - 660), spam(now - 600)],
    });
    expect(await getScore(ENDED)).toEqual({
      peer_id: ENDED,
      score: 0,
      banned: false,
      banned_until: '0',
      recent_reasons: [],
    });
    expect(await getScore(SCORED)).toMatchObject({ score: 40, banned: false });
  });

  it('keeps it a score ban: more score does not extend it, ResetScore lifts it', async () => {
    const more = await call(
      svc.ban,
      BAN.addScore,
      { peer_id: BANNED, reason: 'spam' },
      adminMetadata(),
    );
    expect(more).toMatchObject({ score: 150, banned: true, banned_until: String(until) });
    await call(svc.ban, BAN.resetScore, { peer_id: BANNED }, adminMetadata());
    expect(await isBanned(BANNED)).toBe(false);
    expect(await getScore(BANNED)).toMatchObject({ score: 0, banned: false });
  });
});
