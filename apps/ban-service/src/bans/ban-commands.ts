import {
  parseBanReason,
  parseBanTarget,
  parsePeerId,
  type BanKind,
  type BanRecord,
  type PeerScoreState,
} from '@teranode-p2p/ban-rules';
import type { Committed } from '../persistence/ban-transaction.js';
import type { BanBackend } from './ban-backend.js';
import type { BanState } from '../state/ban-state.js';
import { absoluteExpiry, banExpiry, manualReason, type ExpiryRequest } from './ban-expiry.js';
import { SerialQueue } from './serial-queue.js';

const MAX_WAITING_CHANGES = 1000;

export interface BanCommand extends ExpiryRequest {
  target: string;
  reason: string;
}

/**
 * What the gRPC APIs can do with bans. Reads answer from this replica's memory; changes go to
 * Postgres (one at a time per replica), and resolve once this replica's memory shows them.
 */
export class BanCommands {
  private readonly changes = new SerialQueue(MAX_WAITING_CHANGES);

  constructor(
    private readonly backend: BanBackend,
    private readonly state: BanState,
    private readonly defaultDurationMs: number,
  ) {}

  get waitingChanges(): number {
    return this.changes.size;
  }

  /** Our API: an existing exact entry is an error (Bitcoin Core's setban add). */
  async ban(command: BanCommand, nowMs = Date.now()): Promise<BanRecord> {
    const record = this.manualRecord(
      command,
      banExpiry(command, nowMs, this.defaultDurationMs),
      nowMs,
    );
    return this.change((store) => store.ban(record, 'refuse-existing'));
  }

  /** Teranode's BanPeer: absolute `until`, an existing entry gets the new expiry. */
  async banUntil(target: string, untilSeconds: bigint, nowMs = Date.now()): Promise<BanRecord> {
    const record = this.manualRecord(
      { target, reason: '', durationSeconds: 0n, untilSeconds },
      absoluteExpiry(untilSeconds, nowMs),
      nowMs,
    );
    return this.change((store) => store.ban(record, 'replace'));
  }

  /** Removes exactly this entry; undefined when there was none. */
  async unban(target: string, nowMs = Date.now()): Promise<BanRecord | undefined> {
    const parsed = parseBanTarget(target);
    return this.change((store) => store.unban(parsed.kind, parsed.value, nowMs));
  }

  clear(nowMs = Date.now()): Promise<number> {
    return this.change((store) => store.clear(nowMs));
  }

  /** The active ban covering an IP, CIDR or peer ID. */
  check(target: string, nowMs = Date.now()): BanRecord | undefined {
    return this.state.set.check(target, nowMs);
  }

  /** Active bans; expired ones are swept from Postgres first (Bitcoin Core's listbanned). */
  async list(kind?: BanKind, nowMs = Date.now()): Promise<BanRecord[]> {
    if (this.state.set.expired(nowMs).length > 0) await this.sweep(nowMs);
    return this.state.set.list(nowMs, kind);
  }

  async addScore(peerId: string, reason: string, nowMs = Date.now()): Promise<PeerScoreState> {
    const peer = parsePeerId(peerId);
    const scored = parseBanReason(reason);
    return this.change((store) => store.addScore(peer, scored, nowMs));
  }

  async getScore(peerId: string, nowMs = Date.now()): Promise<PeerScoreState | undefined> {
    return this.backend.store.getScore(parsePeerId(peerId), nowMs);
  }

  async resetScore(peerId: string, nowMs = Date.now()): Promise<void> {
    const peer = parsePeerId(peerId);
    return this.change((store) => store.resetScore(peer, nowMs));
  }

  sweep(nowMs = Date.now()): Promise<number> {
    return this.change((store) => store.sweep(nowMs));
  }

  private manualRecord(command: BanCommand, expiresAtMs: number, nowMs: number): BanRecord {
    const target = parseBanTarget(command.target);
    return {
      kind: target.kind,
      value: target.value,
      createdAtMs: nowMs,
      expiresAtMs,
      reason: manualReason(command.reason),
      source: 'manual',
    };
  }

  private change<T>(work: (store: BanBackend['store']) => Promise<Committed<T>>): Promise<T> {
    return this.changes.run(async () => {
      const committed = await work(this.backend.store);
      await this.backend.feed.applied(committed.events);
      if (committed.events.length > 0) this.backend.publisher.kick();
      return committed.result;
    });
  }
}
