import type { PeerRecord } from './peer-record.js';
import { backoffWindowMs, enterBackoff, NO_BACKOFF, type BackoffState } from './sync-backoff.js';
import { applySyncDecision, type SyncDecision } from './sync-decisions.js';
import { selectSyncPeer, type SyncPeerSelection } from './sync-peer-selection.js';

/** A peer tried this recently is not selected again. */
export const SYNC_ATTEMPT_COOLDOWN_MS = 60_000;

export interface SyncCoordinatorState {
  readonly syncPeer: string | undefined;
  readonly syncStartMs: number | undefined;
  readonly backoff: BackoffState;
}

export const INITIAL_SYNC_STATE: SyncCoordinatorState = {
  syncPeer: undefined,
  syncStartMs: undefined,
  backoff: NO_BACKOFF,
};

/** What the coordinator decides from: a registry snapshot and the node's own state. */
export interface SyncView {
  readonly peers: readonly PeerRecord[];
  readonly localHeight: number;
  readonly nowMs: number;
  /** p2p_force_sync_peer, as a canonical peer ID. */
  readonly forcedPeerId?: string;
  readonly allowPrunedFallback: boolean;
  /** The DataHub probe's verdict; undefined when the peer's DataHub was not checked. */
  readonly healthy?: (peer: PeerRecord) => boolean | undefined;
}

export interface SyncStep {
  readonly state: SyncCoordinatorState;
  /** For the shell to carry out in order (`applySyncDecision` for the registry part). */
  readonly decisions: readonly SyncDecision[];
  /** The last selection made, with its reasons. */
  readonly selection?: SyncPeerSelection;
}

/** Accumulates one step: each decision is also applied to the view later choices see. */
export class SyncStepBuilder {
  readonly decisions: SyncDecision[] = [];
  selection: SyncPeerSelection | undefined;

  constructor(
    public state: SyncCoordinatorState,
    public view: SyncView,
  ) {}

  decide(decision: SyncDecision): void {
    this.decisions.push(decision);
    this.view = {
      ...this.view,
      peers: applySyncDecision(this.view.peers, decision, this.view.nowMs),
    };
  }

  peer(peerId: string): PeerRecord | undefined {
    return this.view.peers.find((p) => p.id === peerId);
  }

  clearSyncPeer(): void {
    this.state = { ...this.state, syncPeer: undefined };
  }

  setBackoff(backoff: BackoffState): void {
    this.state = { ...this.state, backoff };
  }

  select(peers: readonly PeerRecord[], previousPeer: string | undefined): SyncPeerSelection {
    const { localHeight, nowMs, forcedPeerId, allowPrunedFallback, healthy } = this.view;
    this.selection = selectSyncPeer(peers, {
      localHeight,
      nowMs,
      cooldownMs: SYNC_ATTEMPT_COOLDOWN_MS,
      allowPrunedFallback,
      forcedPeerId,
      previousPeer,
      healthy,
    });
    return this.selection;
  }

  activate(peerId: string): void {
    this.decide({ kind: 'record-sync-attempt', peerId });
    this.state = { ...this.state, syncPeer: peerId, syncStartMs: this.view.nowMs };
  }

  enterBackoff(): void {
    const { backoff, entered } = enterBackoff(this.state.backoff, this.view.nowMs);
    if (!entered) return;
    this.setBackoff(backoff);
    this.decide({ kind: 'enter-backoff', windowMs: backoffWindowMs(backoff) });
  }

  step(): SyncStep {
    return {
      state: this.state,
      decisions: this.decisions,
      ...(this.selection && { selection: this.selection }),
    };
  }
}
