import type { Sql } from './ban-transaction.js';

/** How many tracked peers have a score at or below each bound; count and sum of all scores. */
export interface ScoreDistribution {
  atOrBelow: number[];
  count: number;
  sum: number;
}

export async function outboxSize(db: Sql): Promise<number> {
  const [row] = await db.query<{ n: string }[]>('SELECT count(*) AS n FROM ban_event_outbox');
  return Number(row?.n ?? 0);
}

export async function scoreDistribution(db: Sql, bounds: number[]): Promise<ScoreDistribution> {
  const [row] = await db.query<{ at_or_below: string[]; n: string; total: string }[]>(
    `SELECT array(SELECT count(s.peer_id) FROM unnest($1::float8[]) WITH ORDINALITY AS b(le, i)
                  LEFT JOIN peer_scores s ON s.score <= b.le GROUP BY b.i ORDER BY b.i) AS at_or_below,
            (SELECT count(*) FROM peer_scores) AS n,
            (SELECT coalesce(sum(score), 0) FROM peer_scores) AS total`,
    [bounds],
  );
  return {
    atOrBelow: row!.at_or_below.map(Number),
    count: Number(row!.n),
    sum: Number(row!.total),
  };
}
