import type { PeerRecord } from './peer-record.js';

/**
 * A peer's ban standing as the ban authority holds it. Structurally the `score` and
 * `bannedUntilMs` of `@teranode-p2p/ban-rules`' PeerScoreState, so a score state can be passed
 * as it is.
 */
export interface BanStanding {
  readonly score: number;
  /** When the ban ends; null when not banned. */
  readonly bannedUntilMs: number | null;
}

type BanFields = Pick<PeerRecord, 'isBanned' | 'banScore' | 'banUntilMs'>;

const NOT_BANNED: BanFields = { isBanned: false, banScore: 0, banUntilMs: undefined };

/** Banned now: a mirrored ban whose end has not passed (a ban with no known end counts). */
export function isBannedAt(record: BanFields, nowMs: number): boolean {
  return record.isBanned && (record.banUntilMs === undefined || record.banUntilMs > nowMs);
}

/**
 * The ban fields for a standing. A ban that has run out mirrors as no ban and score 0, as
 * Teranode's expiry does; no standing means a clean peer.
 */
export function banFieldsOf(standing: BanStanding | undefined, nowMs: number): BanFields {
  if (standing === undefined) return NOT_BANNED;
  const { score, bannedUntilMs } = standing;
  if (bannedUntilMs === null) return { isBanned: false, banScore: score, banUntilMs: undefined };
  if (bannedUntilMs <= nowMs) return NOT_BANNED;
  return { isBanned: true, banScore: score, banUntilMs: bannedUntilMs };
}

/** The record with its ban fields copied from the ban authority's standing. */
export function mirrorBan(
  record: PeerRecord,
  standing: BanStanding | undefined,
  nowMs: number,
): PeerRecord {
  return { ...record, ...banFieldsOf(standing, nowMs) };
}

/**
 * The record as every read shows it (Teranode's Get/List): a ban that has run out is cleared
 * (not banned, score 0) so no snapshot shows an expired ban.
 */
export function withoutExpiredBan(record: PeerRecord, nowMs: number): PeerRecord {
  if (!record.isBanned || isBannedAt(record, nowMs)) return record;
  return { ...record, ...NOT_BANNED };
}
