import { describe, expect, it } from '@jest/globals';
import { MINUTE, syncPeer, T0 } from '../test/support/peer-fixture.js';
import type { PeerRecord } from './peer-record.js';
import { inSelectionOrder, selectSyncPeer, type SyncPeerCriteria } from './sync-peer-selection.js';

function criteria(fields: Partial<SyncPeerCriteria> = {}): SyncPeerCriteria {
  return { localHeight: 50, cooldownMs: 0, nowMs: T0, allowPrunedFallback: true, ...fields };
}

const pick = (peers: PeerRecord[], fields: Partial<SyncPeerCriteria> = {}) =>
  selectSyncPeer(peers, criteria(fields)).peerId;

describe('selectSyncPeer (Teranode peer_selector_test, health check off)', () => {
  it('full beats pruned even at lower reputation (60 vs 90)', () => {
    expect(pick([syncPeer('a', 100, 'pruned', 90), syncPeer('b', 100, 'full', 60)])).toBe('b');
  });

  it('the pruned fallback picks the lower height on a reputation tie', () => {
    expect(pick([syncPeer('high', 200, 'pruned', 80), syncPeer('low', 100, 'pruned', 80)])).toBe(
      'low',
    );
  });

  it('with the fallback disabled and only pruned peers, nobody', () => {
    const selection = selectSyncPeer(
      [syncPeer('p', 100, 'pruned', 80)],
      criteria({ allowPrunedFallback: false }),
    );
    expect(selection.peerId).toBeUndefined();
    expect(selection.outcome).toBe('none');
    expect(selection.excluded).toEqual([
      {
        peerId: 'p',
        why: 'pruned-fallback-disabled',
        detail: 'storage "pruned" and p2p_allow_pruned_node_fallback is off',
      },
    ]);
  });

  it('the forced peer is chosen even if ineligible (height 1, rep 0, ban score 999, local 0)', () => {
    const peers = [
      syncPeer('forced-id', 1, 'pruned', 0, { banScore: 999, isBanned: true }),
      syncPeer('better-id', 100, 'full', 99),
    ];
    const selection = selectSyncPeer(
      peers,
      criteria({ localHeight: 0, forcedPeerId: 'forced-id' }),
    );
    expect(selection.peerId).toBe('forced-id');
    expect(selection.outcome).toBe('forced');
    expect(selection.excluded).toEqual([
      {
        peerId: 'better-id',
        why: 'forced-peer-set',
        detail: 'p2p_force_sync_peer names forced-id',
      },
    ]);
  });

  it('a missing forced peer gives nobody, with no fallback', () => {
    const selection = selectSyncPeer(
      [syncPeer('a', 100, 'full', 90)],
      criteria({ localHeight: 0, forcedPeerId: 'missing' }),
    );
    expect([selection.peerId, selection.outcome]).toEqual([undefined, 'forced-peer-missing']);
  });

  it('if the previous peer would be top, the second is chosen', () => {
    const selection = selectSyncPeer(
      [syncPeer('a', 100, 'full', 90), syncPeer('b', 100, 'full', 80)],
      criteria({ previousPeer: 'a' }),
    );
    expect([selection.peerId, selection.rotatedPastPreviousPeer]).toEqual(['b', true]);
  });

  it('the previous peer is still chosen when it is the only candidate', () => {
    expect(pick([syncPeer('a', 100, 'full', 90)], { previousPeer: 'a' })).toBe('a');
  });

  it('reputation 10 is skipped for reputation 50', () => {
    expect(pick([syncPeer('low-rep', 100, 'full', 10), syncPeer('ok', 100, 'full', 50)])).toBe(
      'ok',
    );
  });

  it('height 0 is never chosen', () => {
    expect(pick([syncPeer('zero', 0, 'full', 90)], { localHeight: 0 })).toBeUndefined();
  });

  it('a peer tried 30 s ago with a 1-minute cooldown is skipped', () => {
    const peers = [
      syncPeer('recent', 100, 'full', 80, { lastSyncAttemptMs: T0 - 30_000 }),
      syncPeer('fresh', 100, 'full', 70),
    ];
    expect(pick(peers, { cooldownMs: MINUTE })).toBe('fresh');
  });

  it('on equal reputation 50 ms beats 500 ms', () => {
    const peers = [
      syncPeer('slow', 100, 'full', 80, { avgResponseTimeMs: 500 }),
      syncPeer('fast', 100, 'full', 80, { avgResponseTimeMs: 50 }),
    ];
    expect(pick(peers)).toBe('fast');
  });
});

describe('selectSyncPeer order and tie-breaks (§4 step 5)', () => {
  const order = (peers: PeerRecord[], fields: Partial<SyncPeerCriteria> = {}) =>
    selectSyncPeer(peers, criteria(fields)).candidates.map((c) => c.peerId);

  it('a measured response time ranks before an unmeasured one, even a slow one', () => {
    expect(
      order([
        syncPeer('unmeasured', 100, 'full', 80),
        syncPeer('slow', 100, 'full', 80, { avgResponseTimeMs: 9_000 }),
      ]),
    ).toEqual(['slow', 'unmeasured']);
  });

  it('then lower ban score, then height (full: higher first), then peer ID', () => {
    expect(
      order([
        syncPeer('e', 100, 'full', 80, { banScore: 10 }),
        syncPeer('d', 100, 'full', 80),
        syncPeer('c', 100, 'full', 80),
        syncPeer('b', 300, 'full', 80),
      ]),
    ).toEqual(['b', 'c', 'd', 'e']);
  });

  it('pruned candidates rank lower heights first', () => {
    expect(
      order([
        syncPeer('p300', 300, 'pruned', 80),
        syncPeer('p100', 100, '', 80),
        syncPeer('p200', 200, 'pruned', 80),
      ]),
    ).toEqual(['p100', 'p200', 'p300']);
  });

  it('reputation comes before everything else', () => {
    expect(
      order([
        syncPeer('fast', 100, 'full', 70, { avgResponseTimeMs: 10 }),
        syncPeer('better', 100, 'full', 71, { avgResponseTimeMs: 20_000, banScore: 50 }),
      ]),
    ).toEqual(['better', 'fast']);
  });

  it('unknown storage counts as pruned', () => {
    const selection = selectSyncPeer([syncPeer('unknown', 100, '', 90)], criteria());
    expect([selection.peerId, selection.outcome]).toEqual(['unknown', 'pruned']);
  });
});

describe('selectSyncPeer explanation (p2pctl sync-peer --why)', () => {
  it('ranks every candidate with the values the order used, and says why the others are out', () => {
    const peers = [
      syncPeer('banned', 100, 'full', 90, {
        isBanned: true,
        banScore: 120,
        banUntilMs: T0 + MINUTE,
      }),
      syncPeer('listen-only', 100, 'full', 90, { dataHubUrl: '' }),
      syncPeer('no-height', 0, 'full', 90),
      syncPeer('bad-rep', 100, 'full', 19.5),
      syncPeer('tried', 100, 'full', 90, { lastSyncAttemptMs: T0 - 15_000 }),
      syncPeer('behind', 50, 'full', 90),
      syncPeer('pruned', 100, 'pruned', 95),
      syncPeer('second', 100, 'full', 60, { avgResponseTimeMs: 120, banScore: 5 }),
      syncPeer('first', 120, 'full', 80),
    ];
    const selection = selectSyncPeer(peers, criteria({ cooldownMs: MINUTE }));
    expect(selection.peerId).toBe('first');
    expect(selection.outcome).toBe('full');
    expect(selection.candidates).toEqual([
      {
        peerId: 'first',
        phase: 'full',
        rank: 1,
        reputationScore: 80,
        avgResponseTimeMs: 0,
        banScore: 0,
        height: 120,
      },
      {
        peerId: 'second',
        phase: 'full',
        rank: 2,
        reputationScore: 60,
        avgResponseTimeMs: 120,
        banScore: 5,
        height: 100,
      },
    ]);
    expect(selection.excluded).toEqual([
      { peerId: 'banned', why: 'banned', detail: 'banned (ban score 120)' },
      {
        peerId: 'listen-only',
        why: 'no-datahub-url',
        detail: 'no DataHub URL (a listen-only or silent node)',
      },
      { peerId: 'no-height', why: 'no-height', detail: 'has not announced a height' },
      { peerId: 'bad-rep', why: 'low-reputation', detail: 'reputation 19.50 is below 20' },
      { peerId: 'tried', why: 'sync-cooldown', detail: 'sync attempted 15 s ago, cooldown 60 s' },
      { peerId: 'behind', why: 'not-ahead', detail: 'height 50 is not above local height 50' },
      {
        peerId: 'pruned',
        why: 'full-node-preferred',
        detail: 'storage "pruned" and a full node is available',
      },
    ]);
  });

  it('a ban that has run out does not exclude', () => {
    const expired = syncPeer('a', 100, 'full', 90, { isBanned: true, banUntilMs: T0 - 1 });
    expect(pick([expired])).toBe('a');
  });

  it('the first failing check is the one reported (banned before everything else)', () => {
    const [exclusion] = selectSyncPeer(
      [syncPeer('a', 0, 'full', 5, { isBanned: true, dataHubUrl: '' })],
      criteria(),
    ).excluded;
    expect(exclusion?.why).toBe('banned');
  });

  it('an unannounced storage mode is reported as unknown storage', () => {
    const selection = selectSyncPeer(
      [syncPeer('full', 100, 'full', 60), syncPeer('quiet', 100, '', 90)],
      criteria(),
    );
    expect(selection.excluded).toEqual([
      {
        peerId: 'quiet',
        why: 'full-node-preferred',
        detail: 'unknown storage and a full node is available',
      },
    ]);
  });
});

describe('selectSyncPeer health probe', () => {
  it('a peer whose DataHub check fails is excluded and the next one chosen', () => {
    const selection = selectSyncPeer(
      [syncPeer('down', 100, 'full', 90), syncPeer('up', 100, 'full', 80)],
      criteria({ healthy: (p) => p.id !== 'down' }),
    );
    expect(selection.peerId).toBe('up');
    expect(selection.excluded).toEqual([
      { peerId: 'down', why: 'unhealthy', detail: 'DataHub health check failed' },
    ]);
  });

  it('when every full node fails the probe, the pruned fallback runs', () => {
    const selection = selectSyncPeer(
      [syncPeer('full-down', 100, 'full', 90), syncPeer('pruned', 100, 'pruned', 80)],
      criteria({ healthy: (p) => p.id !== 'full-down' }),
    );
    expect([selection.peerId, selection.outcome]).toEqual(['pruned', 'pruned']);
  });

  it('probes only would-be candidates, each at most once: not the ineligible, the not-ahead or the pruned when a full node is up', () => {
    const probed: string[] = [];
    selectSyncPeer(
      [
        syncPeer('full', 100, 'full', 90),
        syncPeer('behind', 10, 'full', 90),
        syncPeer('low', 100, 'full', 5),
        syncPeer('pruned', 100, 'pruned', 90),
      ],
      criteria({ healthy: (p) => (probed.push(p.id), true) }),
    );
    expect(probed).toEqual(['full']);
  });

  it('the forced peer is not probed', () => {
    const probed: string[] = [];
    selectSyncPeer(
      [syncPeer('f', 100, 'full', 90)],
      criteria({ forcedPeerId: 'f', healthy: (p) => (probed.push(p.id), false) }),
    );
    expect(probed).toEqual([]);
  });

  it('a peer whose DataHub was not checked this time is passed over, and says so', () => {
    const selection = selectSyncPeer(
      [syncPeer('unchecked', 100, 'full', 90), syncPeer('up', 100, 'full', 80)],
      criteria({ healthy: (p) => (p.id === 'up' ? true : undefined) }),
    );
    expect(selection.peerId).toBe('up');
    expect(selection.excluded).toEqual([
      {
        peerId: 'unchecked',
        why: 'unhealthy',
        detail: 'DataHub not checked in this selection (better-ranked peers were)',
      },
    ]);
  });
});

describe('inSelectionOrder', () => {
  it('full nodes first, highest first; then the others, lowest first; reputation before all', () => {
    const order = inSelectionOrder([
      syncPeer('pruned-high', 300, 'pruned', 80),
      syncPeer('full-low', 100, 'full', 80),
      syncPeer('pruned-low', 200, 'pruned', 80),
      syncPeer('full-high', 200, 'full', 80),
      syncPeer('full-trusted', 100, 'full', 95),
    ]).map((p) => p.id);
    expect(order).toEqual(['full-trusted', 'full-high', 'full-low', 'pruned-low', 'pruned-high']);
  });
});
