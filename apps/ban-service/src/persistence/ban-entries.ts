import {
  banEvent,
  parseAddressTarget,
  type BanKind,
  type BanRecord,
} from '@teranode-p2p/ban-rules';
import { p2p_events } from '@teranode-p2p/contracts';
import type { Sql, Tx } from './ban-transaction.js';
import { forgetBanned } from './peer-scores.js';

/** The bans and peer_bans tables: addresses by canonical CIDR, peers by ID (`$1` as the key). */
type BanTable = 'bans' | 'peer_bans';
const KEY = {
  bans: { column: 'cidr', param: '$1::cidr' },
  peer_bans: { column: 'peer_id', param: '$1' },
} as const;
const tableOf = (kind: BanKind): BanTable => (kind === 'peer' ? 'peer_bans' : 'bans');
const keyIs = (table: BanTable) => `${KEY[table].column} = ${KEY[table].param}`;
const columns = (table: BanTable) =>
  `${KEY[table].column}::text AS value, created_at, expires_at, reason, source`;

interface BanRow extends Pick<BanRecord, 'value' | 'reason' | 'source'> {
  created_at: Date;
  expires_at: Date;
}

async function query(db: Sql, table: BanTable, sql: string, params: unknown[]) {
  const rows = await db.query<BanRow[]>(sql, params);
  return rows.map(({ value, created_at, expires_at, reason, source }): BanRecord => {
    const target = table === 'bans' ? parseAddressTarget(value) : { kind: 'peer' as const, value };
    const times = { createdAtMs: +created_at, expiresAtMs: +expires_at };
    return { kind: target.kind, value: target.value, ...times, reason, source };
  });
}

/** Deletes the bans `where` selects; a peer's score ban takes its score with it. */
async function remove(tx: Sql, table: BanTable, where: string, params: unknown[] = []) {
  if (table === 'peer_bans') {
    await forgetBanned(tx, `peer_id IN (SELECT peer_id FROM peer_bans WHERE ${where})`, params);
  }
  const sql = `DELETE FROM ${table} WHERE ${where} RETURNING ${columns(table)}`;
  return query(tx, table, sql, params);
}

async function bothTables(each: (table: BanTable) => Promise<BanRecord[]>) {
  return [...(await each('bans')), ...(await each('peer_bans'))];
}

export function active(db: Sql, nowMs: number): Promise<BanRecord[]> {
  const sql = (table: BanTable) => `SELECT ${columns(table)} FROM ${table} WHERE expires_at > $1`;
  return bothTables((table) => query(db, table, sql(table), [new Date(nowMs)]));
}

export async function find(tx: Sql, kind: BanKind, value: string) {
  const table = tableOf(kind);
  const sql = `SELECT ${columns(table)} FROM ${table} WHERE ${keyIs(table)}`;
  return (await query(tx, table, sql, [value]))[0];
}

/** Inserts the ban, or overwrites the exact entry. */
export async function write(tx: Sql, record: BanRecord): Promise<void> {
  const table = tableOf(record.kind);
  const { column, param } = KEY[table];
  await tx.query(
    `INSERT INTO ${table} (${column}, created_at, expires_at, reason, source) VALUES (${param}, $2, $3, $4, $5)
     ON CONFLICT (${column}) DO UPDATE SET created_at = $2, expires_at = $3, reason = $4, source = $5`,
    [
      record.value,
      new Date(record.createdAtMs),
      new Date(record.expiresAtMs),
      record.reason,
      record.source,
    ],
  );
}

/** Removes exactly this entry (with `scoreOnly`, only a score ban). */
export async function removeExact(tx: Sql, kind: BanKind, value: string, scoreOnly = false) {
  const table = tableOf(kind);
  const where = scoreOnly ? `${keyIs(table)} AND source = 'score'` : keyIs(table);
  return (await remove(tx, table, where, [value]))[0];
}

export async function removeAll(tx: Sql): Promise<number> {
  return (await bothTables((table) => remove(tx, table, 'true'))).length;
}

/** Removes the bans that have run out, one EXPIRED event each; answers how many. */
export async function removeExpired(tx: Tx, nowMs: number): Promise<number> {
  const now = [new Date(nowMs)];
  const expired = await bothTables((table) => remove(tx, table, 'expires_at <= $1', now));
  for (const record of expired) {
    tx.emit(banEvent(p2p_events.BanAction.BAN_ACTION_EXPIRED, record, nowMs));
  }
  return expired.length;
}
