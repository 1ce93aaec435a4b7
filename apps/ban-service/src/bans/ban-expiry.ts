import { BadBanRequestError } from './ban-request-errors.js';

const MAX_BAN_SECONDS = 100n * 365n * 24n * 3600n;

/** The int64 fields of a ban request, exactly as sent (any int64 can arrive). */
export interface ExpiryRequest {
  /** Relative length in seconds; 0 = not given. */
  durationSeconds: bigint;
  /** Absolute Unix seconds; 0 = not given. */
  untilSeconds: bigint;
}

function checkNotNegative(field: string, value: bigint): void {
  if (value < 0n) {
    throw new BadBanRequestError(`${field}=${value} is not a whole number of seconds ≥ 0`);
  }
}

/**
 * When a ban ends, in Unix milliseconds on whole seconds: `until` (must be in the future), or
 * now + `duration`, or now + the default when neither is given. At most 100 years ahead.
 */
export function banExpiry(
  request: ExpiryRequest,
  nowMs: number,
  defaultDurationMs: number,
): number {
  const { durationSeconds, untilSeconds } = request;
  checkNotNegative('duration_seconds', durationSeconds);
  checkNotNegative('until', untilSeconds);
  if (durationSeconds > 0n && untilSeconds > 0n) {
    throw new BadBanRequestError('give duration_seconds or until, not both');
  }
  const nowSeconds = BigInt(Math.floor(nowMs / 1000));
  let expiresSeconds: bigint;
  if (untilSeconds > 0n) {
    if (untilSeconds <= nowSeconds) {
      throw new BadBanRequestError(
        `until=${untilSeconds} (${new Date(Number(untilSeconds) * 1000).toISOString()}) is not in the future`,
      );
    }
    expiresSeconds = untilSeconds;
  } else if (durationSeconds > 0n) {
    // Rounded up: a ban never lasts less than asked.
    expiresSeconds = BigInt(Math.ceil(nowMs / 1000)) + durationSeconds;
  } else {
    expiresSeconds = BigInt(Math.ceil((nowMs + defaultDurationMs) / 1000));
  }
  if (expiresSeconds - nowSeconds > MAX_BAN_SECONDS) {
    throw new BadBanRequestError('a ban may last at most 100 years');
  }
  return Number(expiresSeconds) * 1000;
}

/** For p2p_api.BanPeer: `until` is absolute and required, as in Teranode. */
export function absoluteExpiry(untilSeconds: bigint, nowMs: number): number {
  if (untilSeconds === 0n)
    throw new BadBanRequestError('until is required: absolute Unix seconds in the future');
  return banExpiry({ durationSeconds: 0n, untilSeconds }, nowMs, 0);
}

const MAX_REASON_LENGTH = 256;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An operator's free-text reason: any language, no control characters, bounded. */
export function manualReason(text: string): string {
  if (text.length > MAX_REASON_LENGTH) {
    throw new BadBanRequestError(
      `reason is ${text.length} characters long; at most ${MAX_REASON_LENGTH}`,
    );
  }
  if (CONTROL.test(text)) throw new BadBanRequestError('reason contains control characters');
  return text;
}
