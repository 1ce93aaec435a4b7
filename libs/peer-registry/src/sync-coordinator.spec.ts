import { describe, expect, it } from '@jest/globals';
import { MINUTE, SECOND, syncPeer, T0 } from '../test/support/peer-fixture.js';
import { updateMetrics } from './interaction-metrics.js';
import type { PeerRecord } from './peer-record.js';
import { enterBackoff, NO_BACKOFF } from './sync-backoff.js';
import {
  activateNewSyncPeer,
  evaluateSyncPeer,
  isCaughtUp,
  monitorTick,
  onCatchupFailure,
  onPeerDisconnected,
  triggerSync,
} from './sync-coordinator.js';
import { INITIAL_SYNC_STATE, type SyncCoordinatorState, type SyncView } from './sync-step.js';
import { applySyncDecision } from './sync-decisions.js';

const LOCAL = 50;

function view(peers: PeerRecord[], fields: Partial<SyncView> = {}): SyncView {
  return { peers, localHeight: LOCAL, nowMs: T0, allowPrunedFallback: true, ...fields };
}

const syncingWith = (peerId: string, syncStartMs = T0): SyncCoordinatorState => ({
  ...INITIAL_SYNC_STATE,
  syncPeer: peerId,
  syncStartMs,
});

const inBackoff = (sinceMs = T0): SyncCoordinatorState => ({
  ...INITIAL_SYNC_STATE,
  backoff: enterBackoff(NO_BACKOFF, sinceMs).backoff,
});

describe('isCaughtUp', () => {
  it('no peers means caught up', () => {
    expect(isCaughtUp([], LOCAL, T0)).toBe(true);
  });

  it('a viable peer ahead (reputation > 20) means behind; one below 20 still counts as caught up', () => {
    expect(isCaughtUp([syncPeer('a', 100, 'full', 25)], LOCAL, T0)).toBe(false);
    expect(isCaughtUp([syncPeer('a', 100, 'full', 15)], LOCAL, T0)).toBe(true);
  });

  it('a peer at the local height does not count (no tolerance)', () => {
    expect(isCaughtUp([syncPeer('a', LOCAL, 'full', 90)], LOCAL, T0)).toBe(true);
    expect(isCaughtUp([syncPeer('a', LOCAL + 1, 'full', 90)], LOCAL, T0)).toBe(false);
  });
});

describe('triggerSync (TriggerSync)', () => {
  it('with no peers: no peer, no backoff, nothing to do', () => {
    const step = triggerSync(INITIAL_SYNC_STATE, view([]));
    expect(step.state).toEqual(INITIAL_SYNC_STATE);
    expect(step.decisions).toEqual([]);
  });

  it('prefers a full node; records the attempt, makes it the sync peer and sends the trigger', () => {
    const peers = [syncPeer('pruned', 100, 'pruned', 90), syncPeer('full', 100, 'full', 60)];
    const step = triggerSync(INITIAL_SYNC_STATE, view(peers));
    expect(step.state).toMatchObject({ syncPeer: 'full', syncStartMs: T0 });
    expect(step.decisions).toEqual([
      { kind: 'record-sync-attempt', peerId: 'full' },
      { kind: 'send-sync-trigger', peerId: 'full' },
    ]);
    expect(step.selection?.outcome).toBe('full');
  });

  it('the same peer chosen again is not sent another trigger', () => {
    const peers = [syncPeer('a', 100, 'full', 90)];
    const first = triggerSync(INITIAL_SYNC_STATE, view(peers));
    const registry = first.decisions.reduce((ps, d) => applySyncDecision(ps, d, T0), peers);
    const again = triggerSync(first.state, view(registry, { nowMs: T0 + 61 * SECOND }));
    expect(again.decisions).toEqual([{ kind: 'record-sync-attempt', peerId: 'a' }]);
    expect(again.state.syncStartMs).toBe(T0 + 61 * SECOND);
  });

  it('rotates past the current sync peer when another candidate exists', () => {
    const peers = [syncPeer('a', 100, 'full', 90), syncPeer('b', 100, 'full', 80)];
    expect(triggerSync(syncingWith('a'), view(peers)).state.syncPeer).toBe('b');
  });

  it('enters backoff (and clears sync attempts) when every viable peer ahead was tried within a minute', () => {
    const peers = [
      syncPeer('a', 100, 'full', 90, { lastSyncAttemptMs: T0 - 10 * SECOND }),
      syncPeer('b', 100, 'pruned', 90, { lastSyncAttemptMs: T0 - 50 * SECOND }),
    ];
    const step = triggerSync(INITIAL_SYNC_STATE, view(peers));
    expect(step.decisions).toEqual([{ kind: 'enter-backoff', windowMs: 2_000 }]);
    expect(step.state.backoff).toEqual({ active: true, sinceMs: T0, multiplier: 1 });
  });

  it('does not enter backoff when selection fails for another reason (health check)', () => {
    const step = triggerSync(
      INITIAL_SYNC_STATE,
      view([syncPeer('a', 100, 'full', 90)], { healthy: () => false }),
    );
    expect(step.decisions).toEqual([]);
  });

  it('finding a peer ends an active backoff window', () => {
    const step = triggerSync(inBackoff(), view([syncPeer('a', 100, 'full', 90)]));
    expect(step.state.backoff).toEqual(NO_BACKOFF);
  });

  it('finding a peer after windows grew the multiplier sets it back to 1 (a fix, see README)', () => {
    const grown: SyncCoordinatorState = {
      ...INITIAL_SYNC_STATE,
      backoff: { active: false, sinceMs: T0 - MINUTE, multiplier: 8 },
    };
    expect(triggerSync(grown, view([syncPeer('a', 100, 'full', 90)])).state.backoff).toEqual(
      NO_BACKOFF,
    );
  });

  it('a forced peer is used whatever its state', () => {
    const peers = [syncPeer('forced', 10, 'pruned', 0), syncPeer('good', 100, 'full', 90)];
    expect(
      triggerSync(INITIAL_SYNC_STATE, view(peers, { forcedPeerId: 'forced' })).state.syncPeer,
    ).toBe('forced');
  });
});

describe('activateNewSyncPeer (selectAndActivateNewPeer)', () => {
  it('with nobody above the local height: backoff', () => {
    const step = activateNewSyncPeer(INITIAL_SYNC_STATE, view([syncPeer('a', LOCAL, 'full', 90)]));
    expect(step.decisions).toEqual([{ kind: 'enter-backoff', windowMs: 2_000 }]);
    expect(step.state.syncPeer).toBeUndefined();
  });

  it('with an eligible peer: it is the sync peer before the trigger is sent (so a failed send keeps it)', () => {
    const step = activateNewSyncPeer(INITIAL_SYNC_STATE, view([syncPeer('a', 100, 'full', 90)]));
    expect(step.state.syncPeer).toBe('a');
    expect(step.decisions.at(-1)).toEqual({ kind: 'send-sync-trigger', peerId: 'a' });
  });

  it('records the sync attempt (a fix: Teranode does not on this path)', () => {
    const step = activateNewSyncPeer(INITIAL_SYNC_STATE, view([syncPeer('a', 100, 'full', 90)]));
    expect(step.decisions[0]).toEqual({ kind: 'record-sync-attempt', peerId: 'a' });
  });

  it('drops the old peer and peers at or below the local height before selecting', () => {
    const peers = [
      syncPeer('old', 200, 'full', 99),
      syncPeer('level', LOCAL, 'full', 99),
      syncPeer('next', 100, 'full', 40),
    ];
    const step = activateNewSyncPeer(syncingWith('old'), view(peers));
    expect(step.state.syncPeer).toBe('next');
    expect(step.selection?.candidates.map((c) => c.peerId)).toEqual(['next']);
  });

  it('honours the forced peer (a fix), and backs off if it is not ahead', () => {
    const peers = [syncPeer('forced', 100, 'pruned', 30), syncPeer('good', 100, 'full', 90)];
    expect(
      activateNewSyncPeer(INITIAL_SYNC_STATE, view(peers, { forcedPeerId: 'forced' })).state
        .syncPeer,
    ).toBe('forced');
    const behind = [syncPeer('forced', 10, 'full', 90), syncPeer('good', 100, 'full', 90)];
    const step = activateNewSyncPeer(INITIAL_SYNC_STATE, view(behind, { forcedPeerId: 'forced' }));
    expect(step.state.syncPeer).toBeUndefined();
    expect(step.decisions).toEqual([{ kind: 'enter-backoff', windowMs: 2_000 }]);
  });

  it('backs off when every peer ahead is in its sync cooldown', () => {
    const peers = [syncPeer('a', 100, 'full', 90, { lastSyncAttemptMs: T0 - SECOND })];
    expect(activateNewSyncPeer(INITIAL_SYNC_STATE, view(peers)).decisions).toEqual([
      { kind: 'enter-backoff', windowMs: 2_000 },
    ]);
  });
});

describe('monitorTick (the FSM monitor)', () => {
  const ahead = [syncPeer('a', 100, 'full', 90), syncPeer('b', 100, 'full', 80)];

  it('caught up: nothing, next tick in 15 s', () => {
    const step = monitorTick(INITIAL_SYNC_STATE, view([syncPeer('a', LOCAL, 'full', 90)]), true);
    expect([step.decisions, step.nextTickMs]).toEqual([[], 15_000]);
  });

  it('behind with the FSM not RUNNING (e.g. CATCHINGBLOCKS): nothing, next tick in 2 s', () => {
    const step = monitorTick(syncingWith('a'), view(ahead), false);
    expect([step.decisions, step.nextTickMs, step.state]).toEqual([[], 2_000, syncingWith('a')]);
  });

  it('inside a backoff window: nothing, even when RUNNING', () => {
    const step = monitorTick(inBackoff(T0 - SECOND), view(ahead), true);
    expect(step.decisions).toEqual([]);
    expect(step.state.backoff.active).toBe(true);
  });

  it('after the window: backoff over, multiplier doubled, and a peer is activated', () => {
    const step = monitorTick(inBackoff(T0 - 2 * SECOND), view(ahead), true);
    expect(step.state.backoff).toMatchObject({ active: false, multiplier: 2 });
    expect(step.state.syncPeer).toBe('a');
  });

  it('RUNNING with a sync peer gone from the registry: cleared and re-selected', () => {
    const step = monitorTick(syncingWith('gone'), view(ahead), true);
    expect(step.state.syncPeer).toBe('a');
    expect(step.decisions).toContainEqual({ kind: 'send-sync-trigger', peerId: 'a' });
  });

  it('RUNNING while still behind the sync peer: sync failed, cleared and re-selected, no failure recorded', () => {
    const step = monitorTick(syncingWith('a'), view(ahead), true);
    expect(step.decisions.some((d) => d.kind === 'record-failure')).toBe(false);
    expect(step.state.syncPeer).toBe('a');
    expect(step.selection?.rotatedPastPreviousPeer).toBe(false);
  });

  it('RUNNING having reached the sync peer: backoff reset, then re-selection rotates past it', () => {
    const peers = [syncPeer('reached', LOCAL, 'full', 99), syncPeer('b', 100, 'full', 80)];
    const step = monitorTick(
      { ...inBackoff(T0 - 10 * SECOND), syncPeer: 'reached' },
      view(peers),
      true,
    );
    expect(step.state.syncPeer).toBe('b');
    expect(step.state.backoff).toEqual(NO_BACKOFF);
  });

  it('RUNNING without a sync peer recovers reputations that are due, and can then use the peer', () => {
    const failedLongAgo = updateMetrics(
      syncPeer('bad', 100, 'full', 50),
      { recordFailure: true },
      T0 - 10 * MINUTE,
    );
    expect(failedLongAgo.reputationScore).toBeLessThan(20);
    const peers = [
      failedLongAgo,
      syncPeer('other', 100, 'full', 25, { lastSyncAttemptMs: T0 - SECOND }),
    ];
    const step = monitorTick(INITIAL_SYNC_STATE, view(peers), true);
    expect(step.decisions[0]).toEqual({ kind: 'recover-reputation', peerIds: ['bad'] });
    expect(step.state.syncPeer).toBe('bad');
  });
});

describe('evaluateSyncPeer (periodic evaluation)', () => {
  const peers = [syncPeer('a', 100, 'full', 90), syncPeer('b', 100, 'full', 80)];

  it('no sync peer: nothing', () => {
    expect(evaluateSyncPeer(INITIAL_SYNC_STATE, view(peers)).decisions).toEqual([]);
  });

  it('a sync peer gone from the registry is cleared and another selected', () => {
    expect(evaluateSyncPeer(syncingWith('gone'), view(peers)).state.syncPeer).toBe('a');
  });

  it('a sync peer below reputation 20 is cleared and another selected', () => {
    const low = [syncPeer('low', 100, 'full', 19), ...peers];
    const step = evaluateSyncPeer(syncingWith('low'), view(low));
    expect(step.state.syncPeer).toBe('a');
    expect(step.decisions.some((d) => d.kind === 'record-failure')).toBe(false);
  });

  it('syncing over 5 min with the peer silent over 1 min: a failure on it, then another peer', () => {
    const silent = [
      syncPeer('a', 100, 'full', 90, { lastMessageTimeMs: T0 - 2 * MINUTE }),
      syncPeer('b', 100, 'full', 80),
    ];
    const step = evaluateSyncPeer(syncingWith('a', T0 - 6 * MINUTE), view(silent));
    expect(step.decisions[0]).toEqual({ kind: 'record-failure', peerId: 'a' });
    expect(step.state.syncPeer).toBe('b');
  });

  it('the recorded failure lowers the stalled peer before re-selecting', () => {
    const only = [syncPeer('a', 100, 'full', 90, { lastMessageTimeMs: T0 - 2 * MINUTE })];
    const step = evaluateSyncPeer(syncingWith('a', T0 - 6 * MINUTE), view(only));
    expect(step.state.syncPeer).toBeUndefined();
    expect(step.selection?.excluded[0]?.why).toBe('low-reputation');
  });

  it('a long sync whose peer still talks, or a short one whose peer is silent, is left alone', () => {
    const talking = [
      syncPeer('a', 100, 'full', 90, { lastMessageTimeMs: T0 - 30 * SECOND }),
      syncPeer('b', 100, 'full', 80),
    ];
    expect(evaluateSyncPeer(syncingWith('a', T0 - 10 * MINUTE), view(talking)).decisions).toEqual(
      [],
    );
    const silent = [
      syncPeer('a', 100, 'full', 90, { lastMessageTimeMs: T0 - 10 * MINUTE }),
      syncPeer('b', 100, 'full', 80),
    ];
    expect(evaluateSyncPeer(syncingWith('a', T0 - 4 * MINUTE), view(silent)).decisions).toEqual([]);
  });

  it('caught up to the sync peer: switch only when selection prefers another peer', () => {
    const reached = [syncPeer('a', LOCAL, 'full', 90), syncPeer('b', 100, 'full', 80)];
    const step = evaluateSyncPeer(syncingWith('a'), view(reached));
    expect(step.state.syncPeer).toBe('b');
    expect(step.decisions).toContainEqual({ kind: 'send-sync-trigger', peerId: 'b' });
    const alone = [syncPeer('a', LOCAL, 'full', 90)];
    expect(evaluateSyncPeer(syncingWith('a'), view(alone)).decisions).toEqual([]);
  });
});

describe('onCatchupFailure (PeerFailure notification, type catchup)', () => {
  const peers = [syncPeer('a', 100, 'full', 90), syncPeer('b', 100, 'full', 80)];

  it('with no sync peer and no peer named: no failure recorded, a selection is tried', () => {
    const step = onCatchupFailure(INITIAL_SYNC_STATE, view([]), undefined);
    expect(step.decisions).toEqual([]);
    expect(step.state.syncPeer).toBeUndefined();
  });

  it('the failing sync peer gets the failure, is cleared, and another peer is chosen', () => {
    const step = onCatchupFailure(syncingWith('a'), view(peers), 'a');
    expect(step.decisions[0]).toEqual({ kind: 'record-failure', peerId: 'a' });
    expect(step.state.syncPeer).toBe('b');
  });

  it('no peer named: the current sync peer is taken to have failed (as Teranode)', () => {
    const step = onCatchupFailure(syncingWith('a'), view(peers), undefined);
    expect(step.decisions[0]).toEqual({ kind: 'record-failure', peerId: 'a' });
  });

  it('another peer named: the failure goes to it and the sync peer stays (a fix)', () => {
    const step = onCatchupFailure(syncingWith('a'), view(peers), 'b');
    expect(step.decisions).toEqual([{ kind: 'record-failure', peerId: 'b' }]);
    expect(step.state).toEqual(syncingWith('a'));
  });
});

describe('onPeerDisconnected (HandlePeerDisconnected)', () => {
  it('removes the peer from the registry', () => {
    const step = onPeerDisconnected(syncingWith('a'), 'b');
    expect(step).toEqual({
      state: syncingWith('a'),
      decisions: [{ kind: 'remove-peer', peerId: 'b' }],
    });
  });

  it('the sync peer leaving clears it and re-selects after a second', () => {
    const step = onPeerDisconnected(syncingWith('a'), 'a');
    expect(step.state.syncPeer).toBeUndefined();
    expect(step.decisions).toEqual([
      { kind: 'remove-peer', peerId: 'a' },
      { kind: 'trigger-sync-later', delayMs: 1_000 },
    ]);
  });
});

describe('applySyncDecision (the registry part of a decision)', () => {
  const peers = [
    syncPeer('a', 100, 'full', 90, { lastSyncAttemptMs: T0 - MINUTE }),
    syncPeer('b', 100, 'full', 10),
  ];

  it('records attempts and failures, clears attempts on backoff, recovers, removes', () => {
    const attempt = applySyncDecision(peers, { kind: 'record-sync-attempt', peerId: 'b' }, T0);
    expect(attempt[1]?.lastSyncAttemptMs).toBe(T0);
    const failure = applySyncDecision(peers, { kind: 'record-failure', peerId: 'a' }, T0);
    expect(failure[0]?.interactionFailures).toBe(1);
    const cleared = applySyncDecision(peers, { kind: 'enter-backoff', windowMs: 2_000 }, T0);
    expect(cleared.map((p) => p.lastSyncAttemptMs)).toEqual([undefined, undefined]);
    const recovered = applySyncDecision(peers, { kind: 'recover-reputation', peerIds: ['b'] }, T0);
    expect(recovered[1]?.reputationScore).toBe(30);
    expect(
      applySyncDecision(peers, { kind: 'remove-peer', peerId: 'a' }, T0).map((p) => p.id),
    ).toEqual(['b']);
  });

  it('sending a trigger or scheduling a re-selection leaves the registry as it is', () => {
    expect(applySyncDecision(peers, { kind: 'send-sync-trigger', peerId: 'a' }, T0)).toEqual(peers);
    expect(applySyncDecision(peers, { kind: 'trigger-sync-later', delayMs: 1_000 }, T0)).toEqual(
      peers,
    );
  });
});
