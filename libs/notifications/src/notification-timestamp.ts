/** Teranode's notification timestamp: UTC to the second with a literal `Z` (`2025-10-03T12:00:00Z`). */
export function formatNotificationTimestamp(unixMs: number): string {
  return new Date(unixMs).toISOString().slice(0, 19) + 'Z';
}
