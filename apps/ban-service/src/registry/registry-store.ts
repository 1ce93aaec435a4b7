import { scoreAt, type ScorePolicy } from '@teranode-p2p/ban-rules';
import {
  CATCHUP_LIST_MAX,
  FULL_STORAGE,
  listPeers,
  mirrorBan,
  peersDueForRecovery,
  planEviction,
  recoverReputation,
  resetReputation,
  PRUNED_STORAGE,
  type BanStanding,
  type EvictionPlan,
  type PeerListFilter,
  type PeerRecord,
  toPeerInfoForCatchup,
  type RegistryLimits,
} from '@teranode-p2p/peer-registry';
import type { p2p_api } from '@teranode-p2p/contracts';
import type { DataSource } from 'typeorm';
import type { Sql } from '../persistence/ban-transaction.js';
import { stateOf, type ScoreRow } from '../persistence/peer-scores.js';
import {
  applyInteraction,
  applyObservation,
  connectionChange,
  type GossipObservation,
  type Interaction,
} from './registry-changes.js';
import {
  CONNECTED_NOW,
  peerOf,
  rowsJson,
  SELECTED_COLUMNS,
  UPSERT_PEERS,
  type RegistryRow,
} from './registry-columns.js';

/** Registry rows with the peer's ban standing: its peer_bans row and its score. */
const WITH_STANDING = `
  SELECT ${SELECTED_COLUMNS}, b.expires_at AS standing_ban_until, s.score AS standing_score,
         s.last_update AS standing_last_update, s.recent_reasons AS standing_reasons,
         s.banned_until AS standing_score_ban_until
  FROM peer_registry r
  LEFT JOIN peer_bans b ON b.peer_id = r.peer_id AND b.expires_at > $1
  LEFT JOIN peer_score_states s ON s.peer_id = r.peer_id`;

/**
 * GetPeersForCatchup in one statement, the rules of `listForCatchup` (peer-listing.ts): not
 * banned now (the same peer_bans test every read mirrors), with a DataHub URL; full before
 * pruned before unknown storage, reputation descending, the most recent success first (never
 * last), then peer ID in code-unit order. Times are stored to the millisecond, as records
 * compare them. $1 = now, $2 = the most rows.
 */
const CATCHUP_PEERS = `
  SELECT r.peer_id, r.height, r.block_hash, r.data_hub_url, r.reputation_score,
         r.interaction_successes, r.interaction_failures
  FROM peer_registry r
  WHERE r.data_hub_url <> ''
    AND NOT EXISTS (SELECT 1 FROM peer_bans b WHERE b.peer_id = r.peer_id AND b.expires_at > $1)
  ORDER BY CASE r.storage WHEN '${FULL_STORAGE}' THEN 3 WHEN '${PRUNED_STORAGE}' THEN 2 ELSE 1 END DESC,
           r.reputation_score DESC,
           r.last_interaction_success DESC NULLS LAST,
           r.peer_id COLLATE "C"
  LIMIT $2`;

/** First key of the per-peer transaction locks (the second is the peer ID's hash). */
const PEER_LOCK_CLASS = 0x7072;

export interface RegistryListFilter extends PeerListFilter {
  connectedOnly?: boolean;
}

/**
 * The peer registry in PostgreSQL, one row per peer, shared by every gossip-node replica.
 * Every change locks the peers it touches, reads them, applies the peer-registry rules and
 * writes them back in one transaction; locks are taken in one order, so concurrent batches of
 * several replicas cannot deadlock. The ban fields are never stored: every read mirrors the
 * ban authority's standing (peer_bans, peer_scores) as of that moment.
 */
export class PeerRegistryStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: ScorePolicy,
    readonly limits: RegistryLimits,
  ) {}

  /**
   * One node's batch. The peers that sent gossip or were reported connected count as connected
   * by `reporter` for `connectedForMs` more (its lease only ever moves forward); a reported
   * disconnection ends that node's lease, not another node's.
   */
  async applyGossip(
    observations: readonly GossipObservation[],
    lease: { reporter: string; connectedForMs: number },
    nowMs: number,
  ): Promise<number> {
    const byPeer = new Map(observations.map((seen) => [seen.peerId, seen]));
    const leases = { renew: [] as string[], end: [] as string[] };
    for (const seen of byPeer.values()) {
      const change = connectionChange(seen);
      if (change !== undefined) leases[change].push(seen.peerId);
    }
    let applied = 0;
    const next = (existing: PeerRecord | undefined, peerId: string, standing?: BanStanding) => {
      const record = applyObservation(existing, byPeer.get(peerId)!, nowMs, standing);
      if (record !== undefined) applied++;
      return record;
    };
    await this.change([...byPeer.keys()], nowMs, next, async (db) => {
      if (leases.renew.length > 0)
        await db.query(
          `INSERT INTO peer_connections (peer_id, reporter, until)
           SELECT r.peer_id, $2, $3 FROM peer_registry r WHERE r.peer_id = ANY($1)
           ON CONFLICT (peer_id, reporter)
           DO UPDATE SET until = GREATEST(peer_connections.until, EXCLUDED.until)`,
          [leases.renew, lease.reporter, new Date(nowMs + lease.connectedForMs)],
        );
      if (leases.end.length > 0)
        await db.query(`DELETE FROM peer_connections WHERE reporter = $2 AND peer_id = ANY($1)`, [
          leases.end,
          lease.reporter,
        ]);
    });
    return applied;
  }

  /** Drops the leases that ran out (each peer keeps at most one per reporting node). */
  async dropEndedConnections(nowMs: number): Promise<number> {
    return this.countOf('DELETE FROM peer_connections WHERE until <= $1 RETURNING peer_id', [
      new Date(nowMs),
    ]);
  }

  /** Applies one interaction; false when the peer is unknown (nothing recorded). */
  async record(peerId: string, interaction: Interaction, nowMs: number): Promise<boolean> {
    let found = false;
    await this.change([peerId], nowMs, (existing) => {
      found = existing !== undefined;
      return existing && applyInteraction(existing, interaction, nowMs);
    });
    return found;
  }

  async get(peerId: string, nowMs: number): Promise<PeerRecord | undefined> {
    const [record] = await this.read(this.dataSource, nowMs, 'WHERE r.peer_id = $2', [peerId]);
    return record;
  }

  async list(filter: RegistryListFilter, nowMs: number): Promise<PeerRecord[]> {
    const where = filter.connectedOnly ? `WHERE ${CONNECTED_NOW}` : '';
    return listPeers(await this.read(this.dataSource, nowMs, where), filter, nowMs);
  }

  /** GetPeersForCatchup's list, filtered, ordered and cut by the database. */
  async listForCatchup(nowMs: number): Promise<p2p_api.PeerInfoForCatchup[]> {
    const rows = await this.dataSource.query<RegistryRow[]>(CATCHUP_PEERS, [
      new Date(nowMs),
      CATCHUP_LIST_MAX,
    ]);
    return rows.map((row) =>
      toPeerInfoForCatchup({
        id: row['peer_id'] as string,
        height: Number(row['height']),
        blockHash: (row['block_hash'] as string | null) ?? undefined,
        dataHubUrl: row['data_hub_url'] as string,
        reputationScore: Number(row['reputation_score']),
        interactionSuccesses: Number(row['interaction_successes']),
        interactionFailures: Number(row['interaction_failures']),
      }),
    );
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM peer_registry',
    );
    return Number(row!.n);
  }

  /** The operator's reset of one peer, or of every peer when peerId is undefined. */
  async resetReputation(peerId: string | undefined, nowMs: number): Promise<number> {
    const ids = peerId === undefined ? await this.allIds() : [peerId];
    let reset = 0;
    await this.change(ids, nowMs, (existing) => {
      if (existing === undefined) return undefined;
      reset++;
      return resetReputation(existing);
    });
    return reset;
  }

  /** ReconsiderBadPeers: peers below the sync threshold whose failure is older than the cooldown. */
  async reconsiderBadPeers(cooldownMs: number, nowMs: number): Promise<number> {
    const due = peersDueForRecovery(
      await this.read(this.dataSource, nowMs, 'WHERE r.reputation_score < 20'),
      cooldownMs,
      nowMs,
    );
    let reconsidered = 0;
    await this.change(due, nowMs, (existing) => {
      if (existing === undefined) return undefined;
      reconsidered++;
      return recoverReputation(existing, nowMs);
    });
    return reconsidered;
  }

  /** ClearAllSyncAttempts: only the timestamps; the number of peers that had one. */
  async clearSyncAttempts(): Promise<number> {
    return this.countOf(
      `UPDATE peer_registry SET last_sync_attempt = NULL
       WHERE last_sync_attempt IS NOT NULL RETURNING peer_id`,
    );
  }

  /** Removes a peer's entry; its ban, which lives with the ban authority, stays. */
  async remove(peerId: string): Promise<boolean> {
    return (
      (await this.countOf('DELETE FROM peer_registry WHERE peer_id = $1 RETURNING peer_id', [
        peerId,
      ])) > 0
    );
  }

  /** Teranode's Cleanup: idle peers, then the least recently active over the size limit. */
  async evict(nowMs: number): Promise<EvictionPlan> {
    const plan = planEviction(await this.read(this.dataSource, nowMs, ''), this.limits, nowMs);
    const doomed = [...plan.expired, ...plan.overCapacity];
    if (doomed.length > 0)
      await this.dataSource.query('DELETE FROM peer_registry WHERE peer_id = ANY($1)', [doomed]);
    return plan;
  }

  /** The rows an UPDATE or DELETE … RETURNING changed (TypeORM answers those with [rows, n]). */
  private async countOf(change: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(
      `WITH changed AS (${change}) SELECT count(*) AS n FROM changed`,
      params,
    );
    return Number(row!.n);
  }

  private async allIds(): Promise<string[]> {
    const rows = await this.dataSource.query<{ peer_id: string }[]>(
      'SELECT peer_id FROM peer_registry',
    );
    return rows.map((row) => row.peer_id);
  }

  private async read(
    db: Sql,
    nowMs: number,
    where: string,
    params: unknown[] = [],
  ): Promise<PeerRecord[]> {
    const rows = await db.query<RegistryRow[]>(`${WITH_STANDING} ${where}`, [
      new Date(nowMs),
      ...params,
    ]);
    return rows.map((row) =>
      mirrorBan(peerOf(row) as PeerRecord, this.standingOf(row, nowMs), nowMs),
    );
  }

  private standingOf(row: RegistryRow, nowMs: number): BanStanding | undefined {
    const banUntil = row['standing_ban_until'] as Date | null;
    const score =
      row['standing_score'] === null
        ? 0
        : scoreAt(
            stateOf({
              peer_id: row['peer_id'] as string,
              score: row['standing_score'] as number,
              banned_until: row['standing_score_ban_until'] as Date | null,
              last_update: row['standing_last_update'] as Date,
              recent_reasons: row['standing_reasons'] as ScoreRow['recent_reasons'],
            }),
            this.policy,
            nowMs,
          ).score;
    if (banUntil === null && score === 0) return undefined;
    return { score, bannedUntilMs: banUntil && +banUntil };
  }

  /**
   * Reads the peers (locked, in ID order), applies `next` to each and writes what changed, then
   * `afterwards` in the same transaction.
   */
  private async change(
    peerIds: readonly string[],
    nowMs: number,
    next: (
      existing: PeerRecord | undefined,
      peerId: string,
      standing: BanStanding | undefined,
    ) => PeerRecord | undefined,
    afterwards?: (db: Sql) => Promise<void>,
  ): Promise<void> {
    if (peerIds.length === 0) return;
    const ids = [...peerIds].sort();
    await this.dataSource.transaction(async (manager) => {
      const db: Sql = { query: (sql, params) => manager.query(sql, params) };
      // Row locks cannot hold a peer that has no row yet: two replicas would both create it.
      // A transaction lock per peer ID, taken in key order, serialises changes to one peer.
      await db.query(
        `SELECT pg_advisory_xact_lock(${PEER_LOCK_CLASS}, k)
         FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($1::text[]) AS id ORDER BY k) AS keys`,
        [ids],
      );
      const existing = new Map(
        (await this.read(db, nowMs, 'WHERE r.peer_id = ANY($2)', [ids])).map((record) => [
          record.id,
          record,
        ]),
      );
      const standings = await this.standingsOfNew(
        db,
        ids.filter((id) => !existing.has(id)),
        nowMs,
      );
      const changed: PeerRecord[] = [];
      for (const peerId of ids) {
        const before = existing.get(peerId);
        const after = next(before, peerId, before ? undefined : standings.get(peerId));
        if (after !== undefined && after !== before) changed.push(after);
      }
      if (changed.length > 0) await db.query(UPSERT_PEERS, [rowsJson(changed)]);
      await afterwards?.(db);
    });
  }

  /** The ban standing of peers not yet in the registry (a new entry starts with it). */
  private async standingsOfNew(
    db: Sql,
    peerIds: string[],
    nowMs: number,
  ): Promise<Map<string, BanStanding>> {
    if (peerIds.length === 0) return new Map();
    const rows = await db.query<RegistryRow[]>(
      `SELECT ids.peer_id, b.expires_at AS standing_ban_until, s.score AS standing_score,
              s.last_update AS standing_last_update, s.recent_reasons AS standing_reasons,
              s.banned_until AS standing_score_ban_until
       FROM unnest($2::text[]) AS ids(peer_id)
       LEFT JOIN peer_bans b ON b.peer_id = ids.peer_id AND b.expires_at > $1
       LEFT JOIN peer_score_states s ON s.peer_id = ids.peer_id`,
      [new Date(nowMs), peerIds],
    );
    const standings = new Map<string, BanStanding>();
    for (const row of rows) {
      const standing = this.standingOf(row, nowMs);
      if (standing) standings.set(row['peer_id'] as string, standing);
    }
    return standings;
  }
}
