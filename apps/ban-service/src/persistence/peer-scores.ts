import {
  scoreAt,
  type BanReason,
  type PeerScoreState,
  type ScorePolicy,
} from '@teranode-p2p/ban-rules';
import type { Sql } from './ban-transaction.js';

const SWEEP_BATCH = 1000;

/** A row of the peer_score_states view: peer_scores with the end of the peer's score ban. */
export interface ScoreRow {
  peer_id: string;
  score: number;
  banned_until: Date | null;
  last_update: Date;
  /** `at` in Unix seconds. */
  recent_reasons: { reason: BanReason; points: number; at: number }[];
}

export function stateOf(row: ScoreRow): PeerScoreState {
  return {
    score: row.score,
    lastUpdateMs: +row.last_update,
    bannedUntilMs: row.banned_until && +row.banned_until,
    reasons: row.recent_reasons.map(({ reason, points, at }) => ({
      reason,
      points,
      atMs: at * 1000,
    })),
  };
}

export async function read(db: Sql, peerId: string): Promise<PeerScoreState | undefined> {
  const sql = 'SELECT * FROM peer_score_states WHERE peer_id = $1';
  const [row] = await db.query<ScoreRow[]>(sql, [peerId]);
  return row && stateOf(row);
}

/** Stores all but the ban, which is the peer's score ban in peer_bans. */
export async function save(tx: Sql, peerId: string, state: PeerScoreState): Promise<void> {
  const reasons = state.reasons.map(({ reason, points, atMs }) => ({
    reason,
    points,
    at: Math.floor(atMs / 1000),
  }));
  await tx.query(
    `INSERT INTO peer_scores (peer_id, score, last_update, recent_reasons) VALUES ($1, $2, $3, $4)
     ON CONFLICT (peer_id) DO UPDATE SET score = $2, last_update = $3, recent_reasons = $4`,
    [peerId, state.score, new Date(state.lastUpdateMs), JSON.stringify(reasons)],
  );
}

export async function forget(tx: Sql, peerId: string): Promise<void> {
  await tx.query('DELETE FROM peer_scores WHERE peer_id = $1', [peerId]);
}

/** Forgets the score-banned peers that `where` (on peer_score_states) selects. */
export async function forgetBanned(tx: Sql, where: string, params: unknown[] = []): Promise<void> {
  await tx.query(
    `DELETE FROM peer_scores WHERE peer_id IN (
       SELECT peer_id FROM peer_score_states WHERE banned_until IS NOT NULL AND ${where})`,
    params,
  );
}

/** Decays the unbanned scores not updated for a decay interval; forgets those that reach 0. */
export async function decay(tx: Sql, policy: ScorePolicy, nowMs: number): Promise<void> {
  const dueBefore = new Date(nowMs - policy.decayIntervalMs);
  for (let after = ''; ;) {
    const rows = await tx.query<ScoreRow[]>(
      `SELECT * FROM peer_score_states WHERE banned_until IS NULL AND last_update <= $1 AND peer_id > $2
       ORDER BY peer_id LIMIT ${SWEEP_BATCH}`,
      [dueBefore, after],
    );
    if (rows.length === 0) return;
    const states = rows.map((row) => scoreAt(stateOf(row), policy, nowMs));
    await tx.query(
      `WITH u AS (SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS u(peer_id, score, last_update)),
       idle AS (DELETE FROM peer_scores s USING u WHERE s.peer_id = u.peer_id AND u.score = 0)
       UPDATE peer_scores s SET score = u.score, last_update = u.last_update
       FROM u WHERE s.peer_id = u.peer_id AND u.score > 0`,
      [
        rows.map((row) => row.peer_id),
        states.map((s) => s.score),
        states.map((s) => new Date(s.lastUpdateMs)),
      ],
    );
    after = rows.at(-1)!.peer_id;
  }
}
