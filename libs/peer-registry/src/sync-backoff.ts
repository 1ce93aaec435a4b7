/**
 * The coordinator's backoff when no sync peer can be had (§5.1–5.2): a window of multiplier ×
 * 2 s; each window that runs out doubles the multiplier for the next one, up to 32 (64 s).
 */
export const BACKOFF_STEP_MS = 2_000;
export const MAX_BACKOFF_MULTIPLIER = 32;
/** Reputation recovery waits this long after a failure, longer after repeated backoffs. */
export const RECOVERY_BASE_COOLDOWN_MS = 5 * 60_000;

export interface BackoffState {
  /** Teranode's allPeersAttempted. */
  readonly active: boolean;
  readonly sinceMs: number | undefined;
  readonly multiplier: number;
}

/**
 * No backoff, multiplier 1: the start, and every reset (a sync peer found or reached, peers
 * recovered). Teranode resets only inside a window, which its monitor always ends before
 * resetting, so there the multiplier hardly ever comes back down (README).
 */
export const NO_BACKOFF: BackoffState = { active: false, sinceMs: undefined, multiplier: 1 };

export function backoffWindowMs(backoff: BackoffState): number {
  return backoff.multiplier * BACKOFF_STEP_MS;
}

/**
 * checkAndClearExpiredBackoff: `waiting` while the window lasts; once it has passed the
 * backoff ends and the multiplier doubles for next time.
 */
export function checkBackoff(
  backoff: BackoffState,
  nowMs: number,
): { backoff: BackoffState; waiting: boolean } {
  if (!backoff.active) return { backoff, waiting: false };
  if (nowMs - (backoff.sinceMs ?? nowMs) < backoffWindowMs(backoff)) {
    return { backoff, waiting: true };
  }
  const multiplier =
    backoff.multiplier < MAX_BACKOFF_MULTIPLIER ? backoff.multiplier * 2 : backoff.multiplier;
  return { backoff: { ...backoff, active: false, multiplier }, waiting: false };
}

/** enterBackoffMode; `entered` is false when already in backoff (nothing changes). */
export function enterBackoff(
  backoff: BackoffState,
  nowMs: number,
): { backoff: BackoffState; entered: boolean } {
  if (backoff.active) return { backoff, entered: false };
  return { backoff: { ...backoff, active: true, sinceMs: nowMs }, entered: true };
}

/** considerReputationRecovery's cooldown: 5 min × max(1, ⌊multiplier / 2⌋). */
export function reputationRecoveryCooldownMs(backoff: BackoffState): number {
  return RECOVERY_BASE_COOLDOWN_MS * Math.max(1, Math.floor(backoff.multiplier / 2));
}
