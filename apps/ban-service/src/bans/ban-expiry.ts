import { BadBanRequestError } from './ban-request-errors.js';

const MAX_BAN_SECONDS = 100 * 365 * 24 * 3600;

export interface ExpiryRequest {
  /** Relative length in seconds; 0 = not given. */
  durationSeconds: number;
  /** Absolute Unix seconds; 0 = not given. */
  untilSeconds: number;
}

function checkNumber(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
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
  checkNumber('duration_seconds', durationSeconds);
  checkNumber('until', untilSeconds);
  if (durationSeconds > 0 && untilSeconds > 0) {
    throw new BadBanRequestError('give duration_seconds or until, not both');
  }
  const nowSeconds = Math.floor(nowMs / 1000);
  let expiresSeconds: number;
  if (untilSeconds > 0) {
    if (untilSeconds <= nowSeconds) {
      throw new BadBanRequestError(
        `until=${untilSeconds} (${new Date(untilSeconds * 1000).toISOString()}) is not in the future`,
      );
    }
    expiresSeconds = untilSeconds;
  } else if (durationSeconds > 0) {
    // Rounded up: a ban never lasts less than asked.
    expiresSeconds = Math.ceil(nowMs / 1000) + durationSeconds;
  } else {
    expiresSeconds = Math.ceil((nowMs + defaultDurationMs) / 1000);
  }
  if (expiresSeconds - nowSeconds > MAX_BAN_SECONDS) {
    throw new BadBanRequestError('a ban may last at most 100 years');
  }
  return expiresSeconds * 1000;
}

/** For p2p_api.BanPeer: `until` is absolute and required, as in Teranode. */
export function absoluteExpiry(untilSeconds: number, nowMs: number): number {
  if (untilSeconds === 0)
    throw new BadBanRequestError('until is required: absolute Unix seconds in the future');
  return banExpiry({ durationSeconds: 0, untilSeconds }, nowMs, 0);
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
