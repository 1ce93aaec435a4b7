import { isViableSyncCandidate } from './peer-health.js';
import type { PeerRecord } from './peer-record.js';
import { MIN_SYNC_REPUTATION } from './reputation-thresholds.js';
import { peersDueForRecovery } from './reputation-recovery.js';
import { isInSyncCooldown } from './sync-attempts.js';
import { checkBackoff, NO_BACKOFF, reputationRecoveryCooldownMs } from './sync-backoff.js';
import type { SyncDecision } from './sync-decisions.js';
import {
  SYNC_ATTEMPT_COOLDOWN_MS,
  SyncStepBuilder,
  type SyncCoordinatorState,
  type SyncStep,
  type SyncView,
} from './sync-step.js';

/** FSM monitor period while behind / caught up. */
export const BEHIND_MONITOR_INTERVAL_MS = 2_000;
export const CAUGHT_UP_MONITOR_INTERVAL_MS = 15_000;
/** A sync this old whose peer has been silent this long is a failure. */
export const STALLED_SYNC_MS = 5 * 60_000;
export const SILENT_SYNC_PEER_MS = 60_000;
/** Gives other peers' state a moment to settle after the sync peer goes away. */
export const RESELECT_DELAY_MS = 1_000;

function viablePeersAhead(peers: readonly PeerRecord[], localHeight: number, nowMs: number) {
  return peers.filter((p) => isViableSyncCandidate(p, nowMs) && p.height > localHeight);
}

/** No viable peer is above the local height. */
export function isCaughtUp(peers: readonly PeerRecord[], localHeight: number, nowMs: number) {
  return viablePeersAhead(peers, localHeight, nowMs).length === 0;
}

/** Every viable peer ahead of us was tried within the cooldown (and there is at least one). */
function allPeersAttempted({ peers, localHeight, nowMs }: SyncView): boolean {
  const ahead = viablePeersAhead(peers, localHeight, nowMs);
  return (
    ahead.length > 0 && ahead.every((p) => isInSyncCooldown(p, SYNC_ATTEMPT_COOLDOWN_MS, nowMs))
  );
}

/**
 * TriggerSync: select (rotating past the current peer); nobody → back off if every viable peer
 * was tried; somebody → record the attempt, make it the sync peer, end any backoff window and,
 * only if the peer changed, send the trigger.
 */
function triggerSyncWith(
  b: SyncStepBuilder,
  selection = b.select(b.view.peers, b.state.syncPeer),
): void {
  const chosen = selection.peerId;
  if (chosen === undefined) {
    if (allPeersAttempted(b.view)) b.enterBackoff();
    return;
  }
  const previous = b.state.syncPeer;
  b.activate(chosen);
  b.setBackoff(NO_BACKOFF);
  if (chosen !== previous) b.decide({ kind: 'send-sync-trigger', peerId: chosen });
}

export function triggerSync(state: SyncCoordinatorState, view: SyncView): SyncStep {
  const b = new SyncStepBuilder(state, view);
  triggerSyncWith(b);
  return b.step();
}

/** considerReputationRecovery: recovers the peers due, and ends a backoff window if any were. */
function recoverReputations(b: SyncStepBuilder): void {
  const cooldownMs = reputationRecoveryCooldownMs(b.state.backoff);
  const peerIds = peersDueForRecovery(b.view.peers, cooldownMs, b.view.nowMs);
  if (peerIds.length === 0) return;
  b.decide({ kind: 'recover-reputation', peerIds });
  b.setBackoff(NO_BACKOFF);
}

/**
 * selectAndActivateNewPeer, with two fixes (README): the forced peer is honoured and the
 * attempt is recorded, as on the TriggerSync path.
 */
function activateNewPeer(b: SyncStepBuilder): void {
  const oldPeer = b.state.syncPeer;
  b.clearSyncPeer();
  const ahead = b.view.peers.filter((p) => p.id !== oldPeer && p.height > b.view.localHeight);
  const chosen = ahead.length > 0 ? b.select(ahead, undefined).peerId : undefined;
  if (chosen === undefined || chosen === oldPeer) {
    b.enterBackoff();
    return;
  }
  b.activate(chosen);
  b.decide({ kind: 'send-sync-trigger', peerId: chosen });
}

/** selectAndActivateNewPeer on its own (the monitor runs it when there is no sync peer). */
export function activateNewSyncPeer(state: SyncCoordinatorState, view: SyncView): SyncStep {
  const b = new SyncStepBuilder(state, view);
  activateNewPeer(b);
  return b.step();
}

/**
 * One FSM-monitor tick (checkFSMState) while behind, given whether the blockchain FSM is
 * RUNNING. With a sync peer: it is gone or still ahead → re-select; we reached it → end the
 * backoff and re-select. Without: recover reputations that are due, then pick and activate.
 */
function monitorWhileBehind(b: SyncStepBuilder, fsmRunning: boolean): void {
  const { backoff, waiting } = checkBackoff(b.state.backoff, b.view.nowMs);
  b.setBackoff(backoff);
  if (waiting || !fsmRunning) return;

  const current = b.state.syncPeer;
  if (current === undefined) {
    recoverReputations(b);
    activateNewPeer(b);
    return;
  }
  const peer = b.peer(current);
  if (peer === undefined || peer.height > b.view.localHeight) {
    b.clearSyncPeer();
  } else {
    b.setBackoff(NO_BACKOFF);
  }
  triggerSyncWith(b);
}

/** A monitor tick: nothing while caught up (next in 15 s); otherwise `monitorWhileBehind` (2 s). */
export function monitorTick(
  state: SyncCoordinatorState,
  view: SyncView,
  fsmRunning: boolean,
): SyncStep & { nextTickMs: number } {
  const b = new SyncStepBuilder(state, view);
  if (isCaughtUp(view.peers, view.localHeight, view.nowMs)) {
    return { ...b.step(), nextTickMs: CAUGHT_UP_MONITOR_INTERVAL_MS };
  }
  monitorWhileBehind(b, fsmRunning);
  return { ...b.step(), nextTickMs: BEHIND_MONITOR_INTERVAL_MS };
}

/**
 * Periodic evaluation of the sync peer: gone or below reputation 20 → re-select; syncing for
 * over 5 min while the peer has been silent for over 1 min → a failure on it, re-select; we
 * reached its height → switch only if selection now prefers another peer.
 */
export function evaluateSyncPeer(state: SyncCoordinatorState, view: SyncView): SyncStep {
  const b = new SyncStepBuilder(state, view);
  const current = state.syncPeer;
  if (current === undefined) return b.step();

  const peer = b.peer(current);
  const { nowMs, localHeight } = view;
  if (peer === undefined || peer.reputationScore < MIN_SYNC_REPUTATION) {
    b.clearSyncPeer();
    triggerSyncWith(b);
  } else if (
    nowMs - (state.syncStartMs ?? 0) > STALLED_SYNC_MS &&
    nowMs - (peer.lastMessageTimeMs ?? 0) > SILENT_SYNC_PEER_MS
  ) {
    b.decide({ kind: 'record-failure', peerId: current });
    b.clearSyncPeer();
    triggerSyncWith(b);
  } else if (peer.height > 0 && localHeight >= peer.height) {
    const selection = b.select(b.view.peers, current);
    if (selection.peerId !== undefined && selection.peerId !== current) {
      triggerSyncWith(b, selection);
    }
  }
  return b.step();
}

/**
 * A catch-up failure notification (PeerFailure, type "catchup"). Teranode penalises and drops
 * the current sync peer whoever failed; here the failure goes to the reported peer, and the sync
 * peer is dropped and re-selected only when it is the one that failed (or none is named).
 */
export function onCatchupFailure(
  state: SyncCoordinatorState,
  view: SyncView,
  failedPeerId: string | undefined,
): SyncStep {
  const b = new SyncStepBuilder(state, view);
  const failed = failedPeerId || state.syncPeer;
  if (failed !== undefined && b.peer(failed) !== undefined) {
    b.decide({ kind: 'record-failure', peerId: failed });
  }
  if (!failedPeerId || failedPeerId === state.syncPeer) {
    b.clearSyncPeer();
    triggerSyncWith(b);
  }
  return b.step();
}

/** HandlePeerDisconnected: forget the peer; if it was the sync peer, re-select a moment later. */
export function onPeerDisconnected(state: SyncCoordinatorState, peerId: string): SyncStep {
  const decisions: SyncDecision[] = [{ kind: 'remove-peer', peerId }];
  if (state.syncPeer !== peerId) return { state, decisions };
  decisions.push({ kind: 'trigger-sync-later', delayMs: RESELECT_DELAY_MS });
  return { state: { ...state, syncPeer: undefined }, decisions };
}
