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
import type { DataSource } from 'typeorm';
import { BanTableFullError, makeRoomForBan, makeRoomForScore } from './ban-bounds.js';
import * as bans from './ban-entries.js';
import * as outbox from './ban-outbox.js';
import { runBanTransaction, type Committed, type Tx } from './ban-transaction.js';
import { distributionOf, outboxSize, type ScoreDistribution } from './metric-queries.js';
import * as scores from './peer-scores.js';

const { BanAction } = p2p_events;

/** BanService.Ban of an entry that is already banned (Bitcoin Core's setban semantics). */
export class AlreadyBannedError extends Error {
  override readonly name = 'AlreadyBannedError';
}

export interface BanStoreLimits {
  maxEntries: number;
  maxTrackedPeers: number;
}

/** The durable ban state in Postgres: every change is one ban transaction; reads use the pool. */
export class BanStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: BanStoreLimits,
    private readonly policy: ScorePolicy,
  ) {}

  loadActive(nowMs: number): Promise<BanRecord[]> {
    return bans.active(this.dataSource, nowMs);
  }

  /** Stores a ban; `replace` overwrites an existing exact entry, otherwise it is an error. */
  ban(record: BanRecord, mode: 'replace' | 'refuse-existing'): Promise<Committed<BanRecord>> {
    return this.change(record.createdAtMs, async (tx) => {
      await this.place(tx, record, (existing) => {
        if (mode === 'replace') return false;
        throw new AlreadyBannedError(
          `${record.value} is already banned until ${new Date(existing.expiresAtMs).toISOString()}; unban it first to change the ban`,
        );
      });
      return record;
    });
  }

  /** Removes exactly this entry; a peer's score goes with its ban. */
  unban(kind: BanKind, value: string, nowMs: number): Promise<Committed<BanRecord | undefined>> {
    return this.change(nowMs, async (tx) => {
      await bans.removeExpired(tx, nowMs);
      const removed = await bans.removeExact(tx, kind, value);
      if (kind === 'peer') await scores.forget(tx, value);
      if (removed) tx.emit(banEvent(BanAction.BAN_ACTION_REMOVED, removed, nowMs));
      return removed;
    });
  }

  /** Removes every IP, subnet and peer ban (and the scores of score-banned peers). */
  clear(nowMs: number): Promise<Committed<number>> {
    return this.change(nowMs, async (tx) => {
      await bans.removeExpired(tx, nowMs);
      const removed = await bans.removeAll(tx);
      tx.emit(clearedEvent(nowMs));
      return removed;
    });
  }

  addScore(peerId: string, reason: BanReason, nowMs: number): Promise<Committed<PeerScoreState>> {
    return this.change(nowMs, async (tx) => {
      const previous = await scores.read(tx, peerId);
      if (!previous) await makeRoomForScore(tx, this.limits.maxTrackedPeers);
      const { state, newlyBanned } = addScore(previous, reason, this.policy, nowMs);
      if (newlyBanned && !(await this.scoreBan(tx, peerId, reason, state, nowMs))) {
        state.bannedUntilMs = null;
      }
      await scores.save(tx, peerId, state);
      return state;
    });
  }

  /** The peer's score with decay applied as of now (not written back), or undefined. */
  async getScore(peerId: string, nowMs: number): Promise<PeerScoreState | undefined> {
    const stored = await scores.read(this.dataSource, peerId);
    const state = stored && scoreAt(stored, this.policy, nowMs);
    return state && isIdle(state) && state.reasons.length === 0 ? undefined : state;
  }

  /** Forgets the peer's score and lifts its score ban (a manual ban stays). */
  resetScore(peerId: string, nowMs: number): Promise<Committed<void>> {
    return this.change(nowMs, async (tx) => {
      await scores.forget(tx, peerId);
      const removed = await bans.removeExact(tx, 'peer', peerId, true);
      if (removed) tx.emit(banEvent(BanAction.BAN_ACTION_REMOVED, removed, nowMs));
    });
  }

  /** Deletes expired bans (one EXPIRED event each) and decays or forgets idle scores. */
  sweep(nowMs: number): Promise<Committed<number>> {
    return this.change(nowMs, async (tx) => {
      const expired = await bans.removeExpired(tx, nowMs);
      await scores.decay(tx, this.policy, nowMs);
      return expired;
    });
  }

  trimOutbox(max: number): Promise<number> {
    return outbox.trim(this.dataSource, max);
  }

  outboxSize(): Promise<number> {
    return outboxSize(this.dataSource);
  }

  scoreDistribution(bounds: number[]): Promise<ScoreDistribution> {
    return distributionOf(this.dataSource, 'peer_scores.score', bounds);
  }

  private change<T>(nowMs: number, work: (tx: Tx) => Promise<T>): Promise<Committed<T>> {
    return runBanTransaction(this.dataSource, nowMs, work);
  }

  /**
   * Writes the ban unless the exact entry is there and `keepExisting` says it stays; a new entry
   * needs room first. A ban replacing a peer's score ban forgets the score.
   */
  private async place(tx: Tx, record: BanRecord, keepExisting: (existing: BanRecord) => boolean) {
    await bans.removeExpired(tx, record.createdAtMs);
    const existing = await bans.find(tx, record.kind, record.value);
    if (existing && keepExisting(existing)) return false;
    if (!existing) await makeRoomForBan(tx, record, this.limits.maxEntries);
    if (record.kind === 'peer') await scores.forgetBanned(tx, 'peer_id = $1', [record.value]);
    await bans.write(tx, record);
    tx.emit(banEvent(BanAction.BAN_ACTION_ADDED, record, record.createdAtMs));
    return true;
  }

  /** False when a longer ban holds the peer already or the table is full of manual bans. */
  private async scoreBan(
    tx: Tx,
    peerId: string,
    reason: BanReason,
    state: PeerScoreState,
    nowMs: number,
  ): Promise<boolean> {
    const record: BanRecord = {
      kind: 'peer',
      value: peerId,
      createdAtMs: nowMs,
      expiresAtMs: state.bannedUntilMs!,
      reason: `score ${state.score} reached the threshold (${reason})`,
      source: 'score',
    };
    try {
      return await this.place(tx, record, (existing) => existing.expiresAtMs >= record.expiresAtMs);
    } catch (error) {
      if (error instanceof BanTableFullError) return false;
      throw error;
    }
  }
}
