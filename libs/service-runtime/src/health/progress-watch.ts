import { NotReadyError, type ReadinessCheck } from './readiness-registry.js';

/**
 * Whether work that should move does: a queue being sent to Kafka, an outbox being published,
 * a partition being retried. Work that has waited longer than `stallAfterMs` without any of it
 * moving is a stall, and the readiness check fails naming it, with how much is waiting and
 * the last error, so a stuck pipeline cannot hide behind a reachable broker.
 */
/** What held work up until it moved again: failed attempts, or a wait readiness reported. */
export interface ProgressRecovery {
  waitedMs: number;
  failedAttempts: number;
  lastError: string | null;
}

export class ProgressWatch {
  private waitingSince: number | undefined;
  private lastError: string | undefined;
  private failedAttempts = 0;

  constructor(
    readonly name: string,
    private readonly stallAfterMs: number,
    private readonly pending: () => Record<string, unknown>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Work is waiting (the clock keeps running when it already was). */
  waiting(): void {
    this.waitingSince ??= this.now();
  }

  /**
   * Some work moved; when more is waiting, its clock starts now. Returns what held it up when
   * attempts had failed or readiness was reporting a stall, so the caller can say it recovered.
   */
  progressed(moreWaiting: boolean): ProgressRecovery | undefined {
    const waitedMs = this.stalledForMs();
    const recovery =
      this.failedAttempts > 0 || waitedMs > this.stallAfterMs
        ? { waitedMs, failedAttempts: this.failedAttempts, lastError: this.lastError ?? null }
        : undefined;
    this.waitingSince = moreWaiting ? this.now() : undefined;
    this.lastError = undefined;
    this.failedAttempts = 0;
    return recovery;
  }

  /** An attempt failed; the work still waits. */
  failed(error: Error): void {
    this.lastError = error.message;
    this.failedAttempts++;
    this.waiting();
  }

  /** Milliseconds waiting work has not moved (0 when nothing waits). */
  stalledForMs(): number {
    return this.waitingSince === undefined ? 0 : this.now() - this.waitingSince;
  }

  readonly check: ReadinessCheck = async () => {
    const stalledMs = this.stalledForMs();
    const state = { ...this.pending(), stalledMs, lastError: this.lastError ?? null };
    if (stalledMs > this.stallAfterMs) throw stallError(this.name, state);
    return state;
  };
}

/** The readiness failure of work that has not moved for `stalledMs`. */
export function stallError(
  name: string,
  state: { stalledMs: number; lastError: string | null } & Record<string, unknown>,
): NotReadyError {
  return new NotReadyError(
    `${name} has made no progress for ${Math.round(state.stalledMs / 1000)} s` +
      (state.lastError ? `: ${state.lastError}` : ''),
    state,
  );
}
