import { updateMetrics } from './interaction-metrics.js';
import type { PeerRecord } from './peer-record.js';
import { recoverReputation } from './reputation-recovery.js';
import { clearSyncAttempt, recordSyncAttempt } from './sync-attempts.js';

/** What the sync coordinator asks its I/O shell to do, in order. */
export type SyncDecision =
  /** Registry RecordSyncAttempt. */
  | { readonly kind: 'record-sync-attempt'; readonly peerId: string }
  /** Publish the peer's best block on the blocks topic (see `syncTriggerFor`). */
  | { readonly kind: 'send-sync-trigger'; readonly peerId: string }
  /** Registry UpdateMetrics with a failure. */
  | { readonly kind: 'record-failure'; readonly peerId: string }
  /** Backoff began: clear every peer's sync-attempt time (ClearAllSyncAttempts). */
  | { readonly kind: 'enter-backoff'; readonly windowMs: number }
  /** ReconsiderBadPeers found these peers due: recover each. */
  | { readonly kind: 'recover-reputation'; readonly peerIds: readonly string[] }
  /** Registry Remove. */
  | { readonly kind: 'remove-peer'; readonly peerId: string }
  /** Call `triggerSync` again after this delay. */
  | { readonly kind: 'trigger-sync-later'; readonly delayMs: number };

function updatePeer(
  peers: readonly PeerRecord[],
  peerId: string,
  update: (peer: PeerRecord) => PeerRecord,
): PeerRecord[] {
  return peers.map((p) => (p.id === peerId ? update(p) : p));
}

/**
 * The registry after a decision's registry part: what the shell applies to its registry, and
 * what the coordinator applies to its own view so that later choices in the same step see it
 * (a failure recorded before re-selecting lowers that peer's reputation first).
 */
export function applySyncDecision(
  peers: readonly PeerRecord[],
  decision: SyncDecision,
  nowMs: number,
): PeerRecord[] {
  switch (decision.kind) {
    case 'record-sync-attempt':
      return updatePeer(peers, decision.peerId, (p) => recordSyncAttempt(p, nowMs));
    case 'record-failure':
      return updatePeer(peers, decision.peerId, (p) =>
        updateMetrics(p, { recordFailure: true }, nowMs),
      );
    case 'enter-backoff':
      return peers.map(clearSyncAttempt);
    case 'recover-reputation': {
      const due = new Set(decision.peerIds);
      return peers.map((p) => (due.has(p.id) ? recoverReputation(p, nowMs) : p));
    }
    case 'remove-peer':
      return peers.filter((p) => p.id !== decision.peerId);
    case 'send-sync-trigger':
    case 'trigger-sync-later':
      return [...peers];
  }
}
