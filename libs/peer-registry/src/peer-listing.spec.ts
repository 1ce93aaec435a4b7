import { describe, expect, it } from '@jest/globals';
import { MINUTE, peer, syncPeer, T0 } from '../test/support/peer-fixture.js';
import { updateMetrics } from './interaction-metrics.js';
import { listForCatchup, listPeers, storageRank } from './peer-listing.js';

const ids = (peers: { id: string }[]) => peers.map((p) => p.id);
const bannedUntil = (untilMs: number) => ({ isBanned: true, banScore: 100, banUntilMs: untilMs });

describe('listPeers (List)', () => {
  const peers = [
    peer('http-peer', { transport: 'http', height: 100 }),
    peer('wire-peer', { transport: 'wire', height: 50 }),
    peer('banned-peer', { transport: 'wire', height: 200, ...bannedUntil(T0 + MINUTE) }),
  ];

  it('no filter gives every peer', () => {
    expect(listPeers(peers, {}, T0)).toHaveLength(3);
  });

  it('filters by transport, excludeBanned, minHeight (inclusive) and minReputation', () => {
    expect(ids(listPeers(peers, { transport: 'http' }, T0))).toEqual(['http-peer']);
    expect(ids(listPeers(peers, { excludeBanned: true }, T0)).sort()).toEqual([
      'http-peer',
      'wire-peer',
    ]);
    expect(ids(listPeers(peers, { minHeight: 100 }, T0)).sort()).toEqual([
      'banned-peer',
      'http-peer',
    ]);
    const scored = [...peers, peer('good', { reputationScore: 80 })];
    expect(ids(listPeers(scored, { minReputation: 60 }, T0))).toEqual(['good']);
  });

  it('sorts by reputation descending, ties to the most recent success, then peer ID', () => {
    const listed = listPeers(
      [
        peer('low', { reputationScore: 40 }),
        peer('tie-old', { reputationScore: 70, lastInteractionSuccessMs: T0 - MINUTE }),
        peer('tie-new', { reputationScore: 70, lastInteractionSuccessMs: T0 }),
        peer('tie-never-b', { reputationScore: 70 }),
        peer('tie-never-a', { reputationScore: 70 }),
        peer('high', { reputationScore: 90 }),
      ],
      {},
      T0,
    );
    expect(ids(listed)).toEqual([
      'high',
      'tie-new',
      'tie-old',
      'tie-never-a',
      'tie-never-b',
      'low',
    ]);
  });

  it('a success puts a peer above a new one', () => {
    const high = updateMetrics(peer('high'), { recordSuccess: true, responseTimeMs: 100 }, T0);
    expect(ids(listPeers([peer('low'), high], {}, T0))).toEqual(['high', 'low']);
  });

  it('with sortByStorage, full > pruned > unknown even when the pruned peer has the higher reputation', () => {
    const listed = listPeers(
      [
        peer('unknown', { storage: '' }),
        peer('pruned-high', { storage: 'pruned', reputationScore: 100 }),
        peer('full-low', { storage: 'full', reputationScore: 50 }),
      ],
      { sortByStorage: true },
      T0,
    );
    expect(ids(listed)).toEqual(['full-low', 'pruned-high', 'unknown']);
    expect(['full', 'pruned', '', 'archive'].map(storageRank)).toEqual([3, 2, 1, 1]);
  });

  it('clears bans that have run out first, with or without excludeBanned', () => {
    const expired = peer('p', bannedUntil(T0 - 1));
    for (const excludeBanned of [true, false]) {
      const [listed] = listPeers([expired], { excludeBanned }, T0);
      expect([listed?.isBanned, listed?.banScore]).toEqual([false, 0]);
    }
  });
});

describe('listForCatchup (GetPeersForCatchup)', () => {
  it('excludes banned peers and peers without a DataHub URL, and puts full before pruned before unknown', () => {
    const listed = listForCatchup(
      [
        syncPeer('pruned', 100, 'pruned', 90),
        syncPeer('no-url', 100, 'full', 90, { dataHubUrl: '' }),
        syncPeer('banned', 100, 'full', 90, bannedUntil(T0 + MINUTE)),
        syncPeer('unknown', 100, '', 95),
        syncPeer('full', 100, 'full', 60),
      ],
      T0,
    );
    expect(ids(listed)).toEqual(['full', 'pruned', 'unknown']);
  });

  it('within a storage rank: reputation, then the most recent success', () => {
    const listed = listForCatchup(
      [
        syncPeer('older', 100, 'full', 70, { lastInteractionSuccessMs: T0 - MINUTE }),
        syncPeer('newer', 100, 'full', 70, { lastInteractionSuccessMs: T0 }),
        syncPeer('best', 100, 'full', 80),
      ],
      T0,
    );
    expect(ids(listed)).toEqual(['best', 'newer', 'older']);
  });

  it('a malicious peer ranks last of its storage rank', () => {
    const malicious = updateMetrics(syncPeer('m', 100, 'full', 50), { recordMalicious: true }, T0);
    const listed = listForCatchup(
      [malicious, syncPeer('a', 100, 'full', 50), syncPeer('b', 100, 'full', 40)],
      T0,
    );
    expect(ids(listed)).toEqual(['a', 'b', 'm']);
  });
});
