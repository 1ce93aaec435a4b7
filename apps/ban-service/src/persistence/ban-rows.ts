import { parseAddressTarget, type BanRecord, type PeerScoreState } from '@teranode-p2p/ban-rules';
import type { RecordedReason as StoredReason } from '@teranode-p2p/database';

export interface AddressBanRow {
  cidr: string;
  created_at: Date;
  expires_at: Date;
  reason: string;
  source: 'manual' | 'score';
}

export interface PeerBanRow {
  peer_id: string;
  created_at: Date;
  expires_at: Date;
  reason: string;
  source: 'manual' | 'score';
}

export interface PeerScoreRow {
  peer_id: string;
  score: number;
  banned_until: Date | null;
  last_update: Date;
  recent_reasons: StoredReason[];
}

export const ADDRESS_BAN_COLUMNS = 'cidr::text AS cidr, created_at, expires_at, reason, source';
export const PEER_BAN_COLUMNS = 'peer_id, created_at, expires_at, reason, source';

export function addressBanRecord(row: AddressBanRow): BanRecord {
  const target = parseAddressTarget(row.cidr);
  return {
    kind: target.kind,
    value: target.value,
    createdAtMs: row.created_at.getTime(),
    expiresAtMs: row.expires_at.getTime(),
    reason: row.reason,
    source: row.source,
  };
}

export function peerBanRecord(row: PeerBanRow): BanRecord {
  return {
    kind: 'peer',
    value: row.peer_id,
    createdAtMs: row.created_at.getTime(),
    expiresAtMs: row.expires_at.getTime(),
    reason: row.reason,
    source: row.source,
  };
}

export function scoreFromRow(row: PeerScoreRow): PeerScoreState {
  return {
    score: row.score,
    lastUpdateMs: row.last_update.getTime(),
    bannedUntilMs: row.banned_until ? row.banned_until.getTime() : null,
    reasons: row.recent_reasons.map((r) => ({
      reason: r.reason as PeerScoreState['reasons'][number]['reason'],
      points: r.points,
      atMs: r.at * 1000,
    })),
  };
}

export function reasonsForRow(state: PeerScoreState): StoredReason[] {
  return state.reasons.map((r) => ({
    reason: r.reason,
    points: r.points,
    at: Math.floor(r.atMs / 1000),
  }));
}
