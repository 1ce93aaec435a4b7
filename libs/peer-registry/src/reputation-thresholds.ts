/** Reputation values with a meaning (reference-peer-registry.md §3.3). Scores run 0–100. */

/** A new peer, or one after a manual reset. */
export const NEUTRAL_REPUTATION = 50;
/** Pinned while a peer has any malicious interaction on record. */
export const MALICIOUS_REPUTATION = 5;
/** What automatic recovery (reconsideration) sets. */
export const RECOVERED_REPUTATION = 30;
/** Below this a peer is not a sync candidate, and a current sync peer is dropped. */
export const MIN_SYNC_REPUTATION = 20;
/** Below this block validation treats a peer as unhealthy for catch-up. */
export const MIN_HEALTHY_REPUTATION = 40;
