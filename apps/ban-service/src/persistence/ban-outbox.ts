import { banEventsTopic, type p2p_events } from '@teranode-p2p/contracts';
import type { Sql, StampedEvent } from './ban-transaction.js';

/** Postgres channel on which every committed change is announced to all replicas. */
export const BAN_CHANGES_CHANNEL = 'ban_changes';

/**
 * Writes a change's events to ban_event_outbox and NOTIFYs each with its outbox id. The outbox
 * holds each event as its p2p.ban-events record (key and value, encoded by the topic's
 * contract), which the publisher sends as it is.
 */
export async function stage(tx: Sql, events: p2p_events.BanEvent[], nowMs: number) {
  const stamped: StampedEvent[] = [];
  for (const event of events) {
    const record = banEventsTopic.toRecord(event);
    const bytes = record.value;
    const [row] = await tx.query<{ id: string }[]>(
      'INSERT INTO ban_event_outbox (event_key, event, created_at) VALUES ($1, $2, $3) RETURNING id',
      [record.key!.toString('utf8'), bytes, new Date(nowMs)],
    );
    const id = String(row!.id);
    const payload = `${id}:${bytes.toString('base64')}`;
    await tx.query('SELECT pg_notify($1, $2)', [BAN_CHANGES_CHANNEL, payload]);
    stamped.push({ id, event });
  }
  return stamped;
}

/**
 * Keeps the outbox at most `max` events when Kafka stays unreachable: the oldest are dropped
 * (the ban state itself is untouched; consumers reload it from ban-service). Returns how many.
 */
export async function trim(db: Sql, max: number): Promise<number> {
  const [row] = await db.query<{ n: string }[]>(
    `WITH dropped AS (
       DELETE FROM ban_event_outbox WHERE id IN (
         SELECT id FROM ban_event_outbox ORDER BY id DESC OFFSET $1)
       RETURNING id)
     SELECT count(*) AS n FROM dropped`,
    [max],
  );
  return Number(row?.n ?? 0);
}
