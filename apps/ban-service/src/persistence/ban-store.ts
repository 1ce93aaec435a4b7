import {
  addScore,
  banEvent,
  clearedEvent,
  isIdle,
  scoreAt,
  type BanKind,
  type BanReason,
  type BanRecord,
  type PeerScoreState,
  type ScorePolicy,
} from '@teranode-p2p/ban-rules';
import { p2p_events } from '@teranode-p2p/contracts';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  ADDRESS_BAN_COLUMNS,
  addressBanRecord,
  PEER_BAN_COLUMNS,
  peerBanRecord,
  reasonsForRow,
  scoreFromRow,
  type AddressBanRow,
  type PeerBanRow,
  type PeerScoreRow,
} from './ban-rows.js';

const { BanAction } = p2p_events;

/** Postgres channel on which every committed change is announced to all replicas. */
export const BAN_CHANGES_CHANNEL = 'ban_changes';
// Every change takes this transaction lock: replicas change the ban state one at a time, so
// outbox ids follow commit order and the table limit holds across replicas.
const BAN_STATE_LOCK = 0x7032_6261;
const SWEEP_BATCH = 1000;

export interface StampedEvent {
  /** Outbox id, unique and increasing in commit order. */
  id: string;
  event: p2p_events.BanEvent;
}

export interface Committed<T> {
  result: T;
  events: StampedEvent[];
}

/** A manual ban that does not fit: the table holds p2p_ban_max_entries active bans. */
export class BanTableFullError extends Error {
  override readonly name = 'BanTableFullError';
}

/** BanService.Ban of an entry that is already banned (Bitcoin Core's setban semantics). */
export class AlreadyBannedError extends Error {
  override readonly name = 'AlreadyBannedError';
}

export interface BanStoreLimits {
  maxEntries: number;
  maxTrackedPeers: number;
}

interface Tx {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  emit(event: p2p_events.BanEvent): void;
}

/** How many tracked peers have a score at or below each bound; count and sum of all scores. */
export interface ScoreDistribution {
  atOrBelow: number[];
  count: number;
  sum: number;
}

export interface ScoreChange {
  state: PeerScoreState;
  points: number;
  ban: BanRecord | undefined;
}

/**
 * The durable ban state in Postgres. Every change runs in one transaction that also writes
 * its BanEvents to the outbox and NOTIFYs them, so the change, its announcement to the other
 * replicas and its later publication to Kafka commit together or not at all.
 */
export class BanStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: BanStoreLimits,
    private readonly policy: ScorePolicy,
  ) {}

  async loadActive(nowMs: number): Promise<BanRecord[]> {
    const now = new Date(nowMs);
    const addresses = await this.dataSource.query<AddressBanRow[]>(
      `SELECT ${ADDRESS_BAN_COLUMNS} FROM bans WHERE expires_at > $1`,
      [now],
    );
    const peers = await this.dataSource.query<PeerBanRow[]>(
      `SELECT ${PEER_BAN_COLUMNS} FROM peer_bans WHERE expires_at > $1`,
      [now],
    );
    return [...addresses.map(addressBanRecord), ...peers.map(peerBanRecord)];
  }

  /** Stores a ban; `replace` overwrites an existing exact entry, otherwise it is an error. */
  ban(record: BanRecord, mode: 'replace' | 'refuse-existing'): Promise<Committed<BanRecord>> {
    return this.mutate(record.createdAtMs, async (tx) => {
      await this.deleteExpired(tx, record.createdAtMs);
      const existing = await this.findExact(tx, record.kind, record.value);
      if (existing && mode === 'refuse-existing') {
        throw new AlreadyBannedError(
          `${record.value} is already banned until ${new Date(existing.expiresAtMs).toISOString()}; unban it first to change the ban`,
        );
      }
      if (!existing) await this.makeRoom(tx, record);
      await this.write(tx, record);
      if (record.kind === 'peer') await this.forgetScoreBan(tx, record.value);
      tx.emit(banEvent(BanAction.BAN_ACTION_ADDED, record, record.createdAtMs));
      return record;
    });
  }

  /** Removes exactly this entry; a peer's score goes with its ban. */
  unban(kind: BanKind, value: string, nowMs: number): Promise<Committed<BanRecord | undefined>> {
    return this.mutate(nowMs, async (tx) => {
      await this.deleteExpired(tx, nowMs);
      const removed = await this.deleteExact(tx, kind, value);
      if (kind === 'peer') await tx.query('DELETE FROM peer_scores WHERE peer_id = $1', [value]);
      if (removed) tx.emit(banEvent(BanAction.BAN_ACTION_REMOVED, removed, nowMs));
      return removed;
    });
  }

  /** Removes every IP, subnet and peer ban (and the scores of banned peers). */
  clear(nowMs: number): Promise<Committed<number>> {
    return this.mutate(nowMs, async (tx) => {
      await this.deleteExpired(tx, nowMs);
      const addresses = await tx.query<{ cidr: string }>('DELETE FROM bans RETURNING cidr');
      const peers = await tx.query<{ peer_id: string }>('DELETE FROM peer_bans RETURNING peer_id');
      await tx.query('DELETE FROM peer_scores WHERE banned_until IS NOT NULL');
      tx.emit(clearedEvent(nowMs));
      return addresses.length + peers.length;
    });
  }

  addScore(peerId: string, reason: BanReason, nowMs: number): Promise<Committed<ScoreChange>> {
    return this.mutate(nowMs, async (tx) => {
      const created = await tx.query<{ peer_id: string }>(
        `INSERT INTO peer_scores (peer_id, score, banned_until, last_update)
         VALUES ($1, 0, NULL, $2) ON CONFLICT (peer_id) DO NOTHING RETURNING peer_id`,
        [peerId, new Date(nowMs)],
      );
      if (created.length > 0) await this.boundTrackedPeers(tx, peerId);
      const [row] = await tx.query<PeerScoreRow>(
        'SELECT * FROM peer_scores WHERE peer_id = $1 FOR UPDATE',
        [peerId],
      );
      const outcome = addScore(scoreFromRow(row!), reason, this.policy, nowMs);
      let ban: BanRecord | undefined;
      if (outcome.newlyBanned) {
        ban = await this.scoreBan(tx, peerId, reason, outcome.state, nowMs);
        if (!ban) outcome.state.bannedUntilMs = null;
      }
      await this.saveScore(tx, peerId, outcome.state);
      return { state: outcome.state, points: outcome.points, ban };
    });
  }

  /** The peer's score with decay applied as of now (not written back), or undefined. */
  async getScore(peerId: string, nowMs: number): Promise<PeerScoreState | undefined> {
    const [row] = await this.dataSource.query<PeerScoreRow[]>(
      'SELECT * FROM peer_scores WHERE peer_id = $1',
      [peerId],
    );
    if (!row) return undefined;
    const state = scoreAt(scoreFromRow(row), this.policy, nowMs);
    return isIdle(state) && state.reasons.length === 0 ? undefined : state;
  }

  /** Forgets the peer's score and lifts its score ban (a manual ban stays). */
  resetScore(peerId: string, nowMs: number): Promise<Committed<void>> {
    return this.mutate(nowMs, async (tx) => {
      await tx.query('DELETE FROM peer_scores WHERE peer_id = $1', [peerId]);
      const [row] = await tx.query<PeerBanRow>(
        `DELETE FROM peer_bans WHERE peer_id = $1 AND source = 'score' RETURNING ${PEER_BAN_COLUMNS}`,
        [peerId],
      );
      if (row) tx.emit(banEvent(BanAction.BAN_ACTION_REMOVED, peerBanRecord(row), nowMs));
    });
  }

  /** Deletes expired bans (one EXPIRED event each) and decays or forgets idle scores. */
  sweep(nowMs: number): Promise<Committed<number>> {
    return this.mutate(nowMs, async (tx) => {
      const expired = await this.deleteExpired(tx, nowMs);
      await this.decayScores(tx, nowMs);
      return expired;
    });
  }

  /**
   * Keeps the outbox at most `max` events when Kafka stays unreachable: the oldest are dropped
   * (the ban state itself is untouched; consumers reload it from ban-service). Returns how many.
   */
  async trimOutbox(max: number): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(
      `WITH dropped AS (
         DELETE FROM ban_event_outbox WHERE id IN (
           SELECT id FROM ban_event_outbox ORDER BY id DESC OFFSET $1)
         RETURNING id)
       SELECT count(*) AS n FROM dropped`,
      [max],
    );
    return Number(row?.n ?? 0);
  }

  async outboxSize(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM ban_event_outbox',
    );
    return Number(row?.n ?? 0);
  }

  /** How many scores are at or below each bound, and the count and sum of all of them. */
  async scoreDistribution(bounds: number[]): Promise<ScoreDistribution> {
    const [row] = await this.dataSource.query<
      { at_or_below: string[]; n: string; total: string }[]
    >(
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

  private async mutate<T>(nowMs: number, work: (tx: Tx) => Promise<T>): Promise<Committed<T>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const pending: p2p_events.BanEvent[] = [];
    try {
      await runner.startTransaction();
      await runner.query('SELECT pg_advisory_xact_lock($1)', [BAN_STATE_LOCK]);
      const tx: Tx = {
        // useStructuredResult: TypeORM otherwise returns [rows, count] for DELETE/UPDATE.
        query: async (sql, params) => (await runner.query(sql, params, true)).records,
        emit: (event) => pending.push(event),
      };
      const result = await work(tx);
      const events = await this.stage(runner, pending, nowMs);
      await runner.commitTransaction();
      return { result, events };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async stage(
    runner: QueryRunner,
    events: p2p_events.BanEvent[],
    nowMs: number,
  ): Promise<StampedEvent[]> {
    const stamped: StampedEvent[] = [];
    for (const event of events) {
      const bytes = Buffer.from(p2p_events.BanEvent.encode(event).finish());
      const { records } = await runner.query(
        'INSERT INTO ban_event_outbox (event_key, event, created_at) VALUES ($1, $2, $3) RETURNING id',
        [event.value, bytes, new Date(nowMs)],
        true,
      );
      const [row] = records as { id: string }[];
      const id = String(row!.id);
      await runner.query('SELECT pg_notify($1, $2)', [
        BAN_CHANGES_CHANNEL,
        `${id}:${bytes.toString('base64')}`,
      ]);
      stamped.push({ id, event });
    }
    return stamped;
  }

  private async findExact(tx: Tx, kind: BanKind, value: string): Promise<BanRecord | undefined> {
    if (kind === 'peer') {
      const [row] = await tx.query<PeerBanRow>(
        `SELECT ${PEER_BAN_COLUMNS} FROM peer_bans WHERE peer_id = $1`,
        [value],
      );
      return row && peerBanRecord(row);
    }
    const [row] = await tx.query<AddressBanRow>(
      `SELECT ${ADDRESS_BAN_COLUMNS} FROM bans WHERE cidr = $1::cidr`,
      [value],
    );
    return row && addressBanRecord(row);
  }

  private async deleteExact(tx: Tx, kind: BanKind, value: string): Promise<BanRecord | undefined> {
    if (kind === 'peer') {
      const [row] = await tx.query<PeerBanRow>(
        `DELETE FROM peer_bans WHERE peer_id = $1 RETURNING ${PEER_BAN_COLUMNS}`,
        [value],
      );
      return row && peerBanRecord(row);
    }
    const [row] = await tx.query<AddressBanRow>(
      `DELETE FROM bans WHERE cidr = $1::cidr RETURNING ${ADDRESS_BAN_COLUMNS}`,
      [value],
    );
    return row && addressBanRecord(row);
  }

  private async write(tx: Tx, record: BanRecord): Promise<void> {
    const params = [
      record.value,
      new Date(record.createdAtMs),
      new Date(record.expiresAtMs),
      record.reason,
      record.source,
    ];
    if (record.kind === 'peer') {
      await tx.query(
        `INSERT INTO peer_bans (peer_id, created_at, expires_at, reason, source) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (peer_id) DO UPDATE SET created_at = $2, expires_at = $3, reason = $4, source = $5`,
        params,
      );
    } else {
      await tx.query(
        `INSERT INTO bans (cidr, created_at, expires_at, reason, source) VALUES ($1::cidr, $2, $3, $4, $5)
         ON CONFLICT (cidr) DO UPDATE SET created_at = $2, expires_at = $3, reason = $4, source = $5`,
        params,
      );
    }
  }

  /** A full table refuses a manual ban; a score ban evicts the oldest score ban. */
  private async makeRoom(tx: Tx, record: BanRecord): Promise<void> {
    const [count] = await tx.query<{ n: string }>(
      'SELECT (SELECT count(*) FROM bans) + (SELECT count(*) FROM peer_bans) AS n',
    );
    if (Number(count!.n) < this.limits.maxEntries) return;
    const full = `the ban table is full (p2p_ban_max_entries=${this.limits.maxEntries})`;
    if (record.source === 'manual') {
      throw new BanTableFullError(`${full}: unban something or raise the limit`);
    }
    const [oldest] = await tx.query<{ kind: string; value: string }>(
      `SELECT 'address' AS kind, cidr::text AS value, created_at FROM bans WHERE source = 'score'
       UNION ALL SELECT 'peer', peer_id, created_at FROM peer_bans WHERE source = 'score'
       ORDER BY created_at LIMIT 1`,
    );
    if (!oldest) throw new BanTableFullError(`${full} of manual bans`);
    const evicted = await this.deleteExact(
      tx,
      oldest.kind === 'peer' ? 'peer' : 'subnet',
      oldest.value,
    );
    if (evicted) {
      if (evicted.kind === 'peer') await this.forgetScoreBan(tx, evicted.value);
      tx.emit(
        banEvent(
          BanAction.BAN_ACTION_REMOVED,
          { ...evicted, reason: `evicted: ${full}` },
          record.createdAtMs,
        ),
      );
    }
  }

  private async scoreBan(
    tx: Tx,
    peerId: string,
    reason: BanReason,
    state: PeerScoreState,
    nowMs: number,
  ): Promise<BanRecord | undefined> {
    await this.deleteExpired(tx, nowMs);
    const existing = await this.findExact(tx, 'peer', peerId);
    if (existing && existing.expiresAtMs >= state.bannedUntilMs!) return existing;
    const record: BanRecord = {
      kind: 'peer',
      value: peerId,
      createdAtMs: nowMs,
      expiresAtMs: state.bannedUntilMs!,
      reason: `score ${state.score} reached the threshold (${reason})`,
      source: 'score',
    };
    try {
      if (!existing) await this.makeRoom(tx, record);
    } catch (error) {
      if (error instanceof BanTableFullError) return undefined;
      throw error;
    }
    await this.write(tx, record);
    tx.emit(banEvent(BanAction.BAN_ACTION_ADDED, record, nowMs));
    return record;
  }

  private async forgetScoreBan(tx: Tx, peerId: string): Promise<void> {
    await tx.query('DELETE FROM peer_scores WHERE peer_id = $1 AND banned_until IS NOT NULL', [
      peerId,
    ]);
  }

  private async saveScore(tx: Tx, peerId: string, state: PeerScoreState): Promise<void> {
    await tx.query(
      `UPDATE peer_scores SET score = $2, banned_until = $3, last_update = $4, recent_reasons = $5::jsonb
       WHERE peer_id = $1`,
      [
        peerId,
        state.score,
        state.bannedUntilMs === null ? null : new Date(state.bannedUntilMs),
        new Date(state.lastUpdateMs),
        JSON.stringify(reasonsForRow(state)),
      ],
    );
  }

  /** Keeps at most maxTrackedPeers scores: the lowest unbanned ones go first. */
  private async boundTrackedPeers(tx: Tx, keep: string): Promise<void> {
    const [count] = await tx.query<{ n: string }>('SELECT count(*) AS n FROM peer_scores');
    const excess = Number(count!.n) - this.limits.maxTrackedPeers;
    if (excess <= 0) return;
    await tx.query(
      `DELETE FROM peer_scores WHERE peer_id IN (
         SELECT peer_id FROM peer_scores WHERE banned_until IS NULL AND peer_id <> $1
         ORDER BY score, last_update LIMIT $2)`,
      [keep, excess],
    );
  }

  private async deleteExpired(tx: Tx, nowMs: number): Promise<number> {
    const now = new Date(nowMs);
    const addresses = await tx.query<AddressBanRow>(
      `DELETE FROM bans WHERE expires_at <= $1 RETURNING ${ADDRESS_BAN_COLUMNS}`,
      [now],
    );
    const peers = await tx.query<PeerBanRow>(
      `DELETE FROM peer_bans WHERE expires_at <= $1 RETURNING ${PEER_BAN_COLUMNS}`,
      [now],
    );
    const records = [...addresses.map(addressBanRecord), ...peers.map(peerBanRecord)];
    for (const record of records) tx.emit(banEvent(BanAction.BAN_ACTION_EXPIRED, record, nowMs));
    return records.length;
  }

  private async decayScores(tx: Tx, nowMs: number): Promise<void> {
    // A score ban that ran out forgets the peer, as the domain's scoreAt does.
    await tx.query(
      'DELETE FROM peer_scores WHERE banned_until IS NOT NULL AND banned_until <= $1',
      [new Date(nowMs)],
    );
    const dueBefore = new Date(nowMs - this.policy.decayIntervalMs);
    for (let after = ''; ;) {
      const rows = await tx.query<PeerScoreRow>(
        `SELECT * FROM peer_scores WHERE banned_until IS NULL AND last_update <= $1 AND peer_id > $2
         ORDER BY peer_id LIMIT ${SWEEP_BATCH}`,
        [dueBefore, after],
      );
      if (rows.length === 0) return;
      const idle: string[] = [];
      const ids: string[] = [];
      const scores: number[] = [];
      const updates: Date[] = [];
      for (const row of rows) {
        const state = scoreAt(scoreFromRow(row), this.policy, nowMs);
        if (isIdle(state)) idle.push(row.peer_id);
        else {
          ids.push(row.peer_id);
          scores.push(state.score);
          updates.push(new Date(state.lastUpdateMs));
        }
      }
      if (idle.length > 0)
        await tx.query('DELETE FROM peer_scores WHERE peer_id = ANY($1::text[])', [idle]);
      if (ids.length > 0) {
        await tx.query(
          `UPDATE peer_scores AS s SET score = u.score, last_update = u.last_update
           FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS u(peer_id, score, last_update)
           WHERE s.peer_id = u.peer_id`,
          [ids, scores, updates],
        );
      }
      after = rows[rows.length - 1]!.peer_id;
    }
  }
}
