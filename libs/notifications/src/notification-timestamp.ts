import { LAST_DATE_MS } from '@teranode-p2p/contracts';

/** Teranode's notification timestamp: UTC to the second with a literal `Z` (`2025-10-03T12:00:00Z`). */
export function formatNotificationTimestamp(unixMs: number): string {
  return new Date(unixMs).toISOString().slice(0, 19) + 'Z';
}

/** Whether a Unix-millisecond time read from a record can stand in a notification. */
export function isNotificationTime(unixMs: number): boolean {
  return unixMs > 0 && unixMs <= LAST_DATE_MS;
}
