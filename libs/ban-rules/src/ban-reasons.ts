/**
 * Misbehaviour reasons and their points (reference-service.md §4.2). One table, so the
 * "how many times until banned" arithmetic is visible in one place.
 */
export const BAN_REASONS = [
  'unknown',
  'invalid_subtree',
  'protocol_violation',
  'spam',
  'invalid_block',
  'catchup_failure',
] as const;

export type BanReason = (typeof BAN_REASONS)[number];

export type ReasonPoints = Readonly<Record<BanReason, number>>;

export const DEFAULT_REASON_POINTS: ReasonPoints = {
  unknown: 1,
  invalid_subtree: 10,
  protocol_violation: 20,
  spam: 50,
  invalid_block: 10,
  catchup_failure: 30,
};

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
    const shown = text.length > 48 ? `${JSON.stringify(text.slice(0, 48))}…` : JSON.stringify(text);
    throw new BanReasonError(
      `reason ${shown} is not a reason name (letters, digits, _ . -; at most 64 characters)`,
    );
  }
  return 'unknown';
}
