export interface RetryDelayOptions {
  initialMs: number;
  maxMs: number;
}

/** Wait before attempt `attempt + 1` after `attempt` failed ones (1-based): doubling, capped. */
export function retryDelay(attempt: number, options: RetryDelayOptions): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(options.maxMs, options.initialMs * 2 ** exponent);
}
