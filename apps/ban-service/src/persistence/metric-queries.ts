import type { Sql } from './ban-transaction.js';

/** How many rows have a value at or below each bound; their count and sum. */
export interface ScoreDistribution {
  atOrBelow: number[];
  count: number;
  sum: number;
}

export async function outboxSize(db: Sql): Promise<number> {
  const [row] = await db.query<{ n: string }[]>('SELECT count(*) AS n FROM ban_event_outbox');
  return Number(row?.n ?? 0);
}

/** The numeric columns whose distribution is a metric. */
const DISTRIBUTIONS = {
  'peer_scores.score': { table: 'peer_scores', column: 'score' },
  'peer_registry.reputation_score': { table: 'peer_registry', column: 'reputation_score' },
} as const;

/** How many rows have the column at or below each bound; count and sum of all values. */
export async function distributionOf(
  db: Sql,
  of: keyof typeof DISTRIBUTIONS,
  bounds: number[],
): Promise<ScoreDistribution> {
  const { table, column } = DISTRIBUTIONS[of];
  const [row] = await db.query<{ at_or_below: string[]; n: string; total: string }[]>(
    `SELECT array(SELECT count(s.${column}) FROM unnest($1::float8[]) WITH ORDINALITY AS b(le, i)
                  LEFT JOIN ${table} s ON s.${column} <= b.le GROUP BY b.i ORDER BY b.i) AS at_or_below,
            (SELECT count(*) FROM ${table}) AS n,
            (SELECT coalesce(sum(${column}), 0) FROM ${table}) AS total`,
    [bounds],
  );
  return {
    atOrBelow: row!.at_or_below.map(Number),
    count: Number(row!.n),
    sum: Number(row!.total),
  };
}
