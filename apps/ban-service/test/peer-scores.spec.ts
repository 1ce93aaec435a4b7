import { status } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { waitFor } from '@teranode-p2p/testing';
import {
  adminMetadata,
  BAN,
  call,
  PEERS,
  failure,
  type BanServiceProcess,
} from './support/ban-service-process.js';
import { banTestEnvForSuite } from './support/ban-test-env.js';

// Real peer IDs (the service refuses anything else).
const PEER_IDS = [
  '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF',
  'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N',
  '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp',
  '12D3KooWHHzSeKaY8xuZVzkLbKFfvNgPPeKhFBGrMbNzbm5akpqu',
];
const [PEER, OTHER, THIRD] = PEER_IDS as [string, string, string, string];

// reference-service.md §10 items 61–71 (PeerBanManager), through gRPC on a real database.
describe('peer scores over gRPC (PostgreSQL + Kafka)', () => {
  const env = banTestEnvForSuite();
  let running: BanServiceProcess | undefined;
  const svc = new Proxy({} as BanServiceProcess, {
    get: (_target, key: keyof BanServiceProcess) => running![key],
  });

  const addScore = (peer_id: string, reason: string) =>
    call(svc.ban, BAN.addScore, { peer_id, reason }, adminMetadata());
  const getScore = (peer_id: string) => call(svc.ban, BAN.getScore, { peer_id });
  const reset = (peer_id: string) => call(svc.ban, BAN.resetScore, { peer_id }, adminMetadata());
  const isBanned = async (ipOrSubnet: string) =>
    (await call(svc.peers, PEERS.isBanned, { ipOrSubnet })).isBanned;
  const restart = async (settings: Record<string, string>) => {
    if (running) {
      await running.stop();
      await env.rows('DELETE FROM peer_scores; DELETE FROM peer_bans; DELETE FROM bans');
    }
    running = await env.start(settings);
  };

  it('61: threshold 30: invalid_subtree → 10, protocol_violation → 30 and banned; a score ban is published', async () => {
    await restart({ p2p_ban_threshold: '30' });
    expect(await addScore(PEER, 'invalid_subtree')).toMatchObject({ score: 10, banned: false });
    const banned = await addScore(PEER, 'protocol_violation');
    expect(banned).toMatchObject({ score: 30, banned: true });
    expect(banned.recent_reasons.map((r) => r.reason)).toEqual([
      'invalid_subtree',
      'protocol_violation',
    ]);
    expect(await isBanned(PEER)).toBe(true);
    const event = await waitFor('the score ban event', () =>
      env.events.events.find((e) => e.event.value === PEER),
    );
    expect(event.event.reason).toContain('protocol_violation');
  });

  it('points per reason come from p2p_ban_reason_points; reasons not named keep theirs', async () => {
    await restart({ p2p_ban_reason_points: 'spam=100|invalid_block=0' });
    expect(await addScore(OTHER, 'invalid_block')).toMatchObject({ score: 0, banned: false });
    expect(await addScore(OTHER, 'invalid_subtree')).toMatchObject({ score: 10, banned: false });
    expect(await addScore(PEER, 'spam')).toMatchObject({ score: 100, banned: true });
    expect(await isBanned(PEER)).toBe(true);
  });

  it('62: 3 s after the last update (interval 1 s, amount 5) the next add stays below 30', async () => {
    await restart({
      p2p_ban_threshold: '30',
      p2p_ban_decay_interval: '1s',
      p2p_ban_decay_amount: '5',
    });
    await addScore(PEER, 'invalid_subtree');
    await env.rows(
      `UPDATE peer_scores SET last_update = last_update - interval '3 seconds' WHERE peer_id = '${PEER}'`,
    );
    expect(await addScore(PEER, 'protocol_violation')).toMatchObject({ score: 20, banned: false });
  });

  it('63 + 67: an unknown but well-formed reason scores 1 and does not ban; the reason names score their points', async () => {
    await restart({});
    expect(await addScore(PEER, 'not_in_the_table')).toMatchObject({ score: 1, banned: false });
    const points: Record<string, number> = {};
    for (const reason of [
      'invalid_subtree',
      'protocol_violation',
      'spam',
      'invalid_block',
      'catchup_failure',
      'unknown',
    ]) {
      const score = await addScore(OTHER, reason);
      points[reason] = score.recent_reasons.at(-1)!.points;
      await reset(OTHER);
    }
    expect(points).toEqual({
      invalid_subtree: 10,
      protocol_violation: 20,
      spam: 50,
      invalid_block: 10,
      catchup_failure: 30,
      unknown: 1,
    });
  });

  it('64: ResetScore deletes the score; a score decayed to 0 is removed by the sweeper', async () => {
    await restart({ p2p_ban_decay_interval: '250ms', p2p_ban_sweep_interval: '250ms' });
    await addScore(PEER, 'spam');
    expect(await reset(PEER)).toMatchObject({ score: 0, banned: false, recent_reasons: [] });
    expect(await env.rows(`SELECT * FROM peer_scores WHERE peer_id = '${PEER}'`)).toEqual([]);
    await addScore(OTHER, 'unknown');
    await waitFor(
      'the idle score to be swept',
      async () =>
        (await env.rows(`SELECT * FROM peer_scores WHERE peer_id = '${OTHER}'`)).length === 0,
    );
  });

  it('65 + 68: invalid_subtree + spam → 60, not banned, both reasons; an unknown peer has no reasons', async () => {
    await restart({});
    await addScore(PEER, 'invalid_subtree');
    const score = await addScore(PEER, 'spam');
    expect(score).toMatchObject({ score: 60, banned: false });
    expect(score.recent_reasons.map((r) => r.reason)).toEqual(['invalid_subtree', 'spam']);
    expect(await getScore(THIRD)).toEqual({
      peer_id: THIRD,
      score: 0,
      banned: false,
      banned_until: '0',
      recent_reasons: [],
    });
  });

  // Go's case uses 1 s; 3 s here, because on a loaded 2-core CI machine the first database
  // transaction of a fresh process can take most of a second, and the ban runs from the
  // moment the score was added (a 1 s ban was once over before IsBanned was asked).
  it('66: threshold 10, duration 3 s: spam bans and lists the peer; once it ran out neither', async () => {
    await restart({ p2p_ban_threshold: '10', p2p_ban_duration: '3s' });
    await addScore(PEER, 'spam');
    expect(await isBanned(PEER)).toBe(true);
    expect((await call(svc.peers, PEERS.listBanned, {})).banned).toEqual([PEER]);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await isBanned(PEER)).toBe(false);
    expect((await call(svc.peers, PEERS.listBanned, {})).banned).toEqual([]);
    expect(await getScore(PEER)).toMatchObject({ score: 0, banned: false });
  });

  it('a score ban that ran out before the sweep forgets the peer: its next score starts afresh, unbanned', async () => {
    await restart({ p2p_ban_threshold: '10', p2p_ban_duration: '1s' });
    expect(await addScore(PEER, 'spam')).toMatchObject({ score: 50, banned: true });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await addScore(PEER, 'unknown')).toMatchObject({ score: 1, banned: false });
    expect(await getScore(PEER)).toMatchObject({ score: 1, banned: false });
    expect(await addScore(PEER, 'spam')).toMatchObject({ score: 51, banned: true });
  });

  it('reaching the threshold under a longer manual ban makes no score ban: the manual ban stays, the score is not banned', async () => {
    await restart({ p2p_ban_threshold: '10' });
    const manual = {
      target: PEER,
      duration_seconds: String(7 * 86_400),
      until: '0',
      reason: 'operator',
    };
    await call(svc.ban, BAN.ban, manual, adminMetadata());
    expect(await addScore(PEER, 'spam')).toMatchObject({ score: 50, banned: false });
    expect(await getScore(PEER)).toMatchObject({ score: 50, banned: false });
    const { entry } = await call(svc.ban, BAN.check, { target: PEER });
    expect(entry).toMatchObject({
      reason: 'operator',
      source: p2p_events.BanSource.BAN_SOURCE_MANUAL,
    });
  });

  it('69: threshold 90: spam → (50, false), spam → (100, true); further score does not extend the ban', async () => {
    await restart({ p2p_ban_threshold: '90' });
    expect(await addScore(PEER, 'spam')).toMatchObject({ score: 50, banned: false });
    const banned = await addScore(PEER, 'spam');
    expect(banned).toMatchObject({ score: 100, banned: true });
    const more = await addScore(PEER, 'spam');
    expect(more).toMatchObject({ score: 150, banned: true, banned_until: banned.banned_until });
  });

  it('70: interval 1 s, amount 10: spam (50), 10 s later invalid_subtree → 10', async () => {
    await restart({ p2p_ban_decay_interval: '1s', p2p_ban_decay_amount: '10' });
    await addScore(PEER, 'spam');
    await env.rows(
      `UPDATE peer_scores SET last_update = last_update - interval '10 seconds' WHERE peer_id = '${PEER}'`,
    );
    expect(await addScore(PEER, 'invalid_subtree')).toMatchObject({ score: 10 });
  });

  it('71: catchup_failure → 30 points, reason recorded; decay is applied on read (deviation: the reference decays only on add)', async () => {
    await restart({ p2p_ban_decay_interval: '1s' });
    const score = await addScore(PEER, 'catchup_failure');
    expect(score.score).toBe(30);
    expect(score.recent_reasons).toEqual([
      { reason: 'catchup_failure', points: 30, at: expect.stringMatching(/^\d+$/) },
    ]);
    await env.rows(
      `UPDATE peer_scores SET last_update = last_update - interval '5 seconds' WHERE peer_id = '${PEER}'`,
    );
    expect((await getScore(PEER)).score).toBe(25);
  });

  it('scores and score bans survive a restart; the reason history is bounded', async () => {
    await restart({ p2p_ban_threshold: '1000', p2p_ban_max_reasons: '3' });
    for (const reason of ['spam', 'invalid_block', 'unknown', 'invalid_subtree'])
      await addScore(PEER, reason);
    await running!.stop('SIGKILL');
    running = await env.start({ p2p_ban_threshold: '1000', p2p_ban_max_reasons: '3' });
    const score = await getScore(PEER);
    expect(score.score).toBe(71);
    expect(score.recent_reasons.map((r) => r.reason)).toEqual([
      'invalid_block',
      'unknown',
      'invalid_subtree',
    ]);
  });

  it('the number of tracked peers is bounded: the lowest unbanned score goes first', async () => {
    await restart({ p2p_ban_max_tracked_peers: '2' });
    await addScore(PEER, 'spam');
    await addScore(OTHER, 'unknown');
    await addScore(THIRD, 'invalid_block');
    const kept = await env.rows('SELECT peer_id FROM peer_scores ORDER BY peer_id');
    expect(kept.map((r) => r['peer_id']).sort()).toEqual([PEER, THIRD].sort());
  });

  it('p2p_ban_max_entries: a manual ban beyond it is RESOURCE_EXHAUSTED; a score ban evicts the oldest score ban', async () => {
    await restart({ p2p_ban_max_entries: '3', p2p_ban_threshold: '10' });
    const manual = (target: string) =>
      call(
        svc.ban,
        BAN.ban,
        { target, duration_seconds: '600', until: '0', reason: '' },
        adminMetadata(),
      );
    await manual('10.0.0.1');
    await manual('10.0.0.2');
    await addScore(PEER, 'spam');
    const { code, details } = await failure(manual('10.0.0.3'));
    expect([code, details]).toEqual([
      status.RESOURCE_EXHAUSTED,
      expect.stringContaining('p2p_ban_max_entries=3'),
    ]);
    await addScore(OTHER, 'spam');
    expect((await call(svc.peers, PEERS.listBanned, {})).banned).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/32',
      OTHER,
    ]);
    expect(await isBanned(PEER)).toBe(false);
    const evicted = await waitFor('the eviction event', () =>
      env.events.events.find((e) => e.event.value === PEER && e.event.reason.startsWith('evicted')),
    );
    expect(evicted.event.reason).toContain('p2p_ban_max_entries=3');
  });
});
