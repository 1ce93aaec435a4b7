import { banEvent, type BanKind, type BanRecord } from '@teranode-p2p/ban-rules';
import { p2p_events } from '@teranode-p2p/contracts';
import { removeExact } from './ban-entries.js';
import type { Sql, Tx } from './ban-transaction.js';

/** A manual ban that does not fit: the table holds p2p_ban_max_entries active bans. */
export class BanTableFullError extends Error {
  override readonly name = 'BanTableFullError';
}

/** Room for a new entry: a full table refuses a manual ban; a score ban evicts the oldest score ban. */
export async function makeRoomForBan(tx: Tx, record: BanRecord, maxEntries: number): Promise<void> {
  const [count] = await tx.query<{ n: string }[]>(
    'SELECT (SELECT count(*) FROM bans) + (SELECT count(*) FROM peer_bans) AS n',
  );
  if (Number(count!.n) < maxEntries) return;
  const full = `the ban table is full (p2p_ban_max_entries=${maxEntries})`;
  if (record.source === 'manual') {
    throw new BanTableFullError(`${full}: unban something or raise the limit`);
  }
  const [oldest] = await tx.query<{ kind: BanKind; value: string }[]>(
    `SELECT 'subnet' AS kind, cidr::text AS value, created_at FROM bans WHERE source = 'score'
     UNION ALL SELECT 'peer', peer_id, created_at FROM peer_bans WHERE source = 'score'
     ORDER BY created_at LIMIT 1`,
  );
  if (!oldest) throw new BanTableFullError(`${full} of manual bans`);
  const evicted = await removeExact(tx, oldest.kind, oldest.value);
  if (!evicted) return;
  const reason = `evicted: ${full}`;
  tx.emit(
    banEvent(p2p_events.BanAction.BAN_ACTION_REMOVED, { ...evicted, reason }, record.createdAtMs),
  );
}

/** Room for one more score within p2p_ban_max_tracked_peers: the lowest unbanned ones go first. */
export async function makeRoomForScore(tx: Sql, maxTrackedPeers: number): Promise<void> {
  await tx.query(
    `DELETE FROM peer_scores WHERE peer_id IN (
       SELECT peer_id FROM peer_score_states WHERE banned_until IS NULL ORDER BY score, last_update
       LIMIT greatest(0, (SELECT count(*) FROM peer_scores) + 1 - $1))`,
    [maxTrackedPeers],
  );
}
