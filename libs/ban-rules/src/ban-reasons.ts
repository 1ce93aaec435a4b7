import {
  DEFAULT_BAN_REASON_POINTS,
  quoteInput,
  type BanReasonName,
  type BanReasonPoints,
} from '@teranode-p2p/config';

/**
 * Misbehaviour reasons and their points (reference-service.md §4.2). The default table is the
 * default of the p2p_ban_reason_points setting, so the "how many times until banned"
 * arithmetic is visible in one place.
 */
export type BanReason = BanReasonName;

export const BAN_REASONS = Object.keys(DEFAULT_BAN_REASON_POINTS) as readonly BanReason[];

export type ReasonPoints = BanReasonPoints;

export const DEFAULT_REASON_POINTS: ReasonPoints = DEFAULT_BAN_REASON_POINTS;

const KNOWN = new Set<string>(BAN_REASONS);
const WELL_FORMED = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export class BanReasonError extends Error {
  override readonly name = 'BanReasonError';
}

/**
 * A reason as callers send it → the reason scored. Teranode sends only the names above; any
 * other well-formed name scores as `unknown` (as in Teranode), while empty, over-long or
 * non-identifier text is refused so garbage never reaches the store.
 */
export function parseBanReason(text: string): BanReason {
  if (KNOWN.has(text)) return text as BanReason;
  if (text === '') throw new BanReasonError('reason is empty: expected e.g. invalid_block or spam');
  if (!WELL_FORMED.test(text)) {
    throw new BanReasonError(
      `reason ${quoteInput(text)} is not a reason name (letters, digits, _ . -; at most 64 characters)`,
    );
  }
  return 'unknown';
}
