import { describe, expect, it } from '@jest/globals';
import { HOUR, MINUTE, peer, T0 } from '../test/support/peer-fixture.js';
import { planEviction } from './eviction-plan.js';

const NOW = T0 + 10 * HOUR;
const activeAgo = (id: string, ageMs: number, fields = {}) =>
  peer(id, { lastSeenMs: NOW - ageMs, lastMessageTimeMs: NOW - ageMs, ...fields });

describe('planEviction (Cleanup, §2.2)', () => {
  it('TTL: evicts a peer stale on both timestamps (1 expired, 0 over capacity)', () => {
    const plan = planEviction(
      [activeAgo('fresh', 0), activeAgo('stale', 2 * HOUR)],
      { maxSize: 0, ttlMs: HOUR },
      NOW,
    );
    expect(plan).toEqual({ expired: ['stale'], overCapacity: [] });
  });

  it('a peer exactly at the TTL is kept, one a millisecond past it is not', () => {
    const plan = planEviction(
      [activeAgo('at', HOUR), activeAgo('past', HOUR + 1)],
      { maxSize: 0, ttlMs: HOUR },
      NOW,
    );
    expect(plan.expired).toEqual(['past']);
  });

  it('LRU with max 2 and 2 exempt (connected, banned) evicts the other 4', () => {
    const peers = [
      activeAgo('connected', HOUR, { isConnected: true }),
      activeAgo('banned', HOUR, { isBanned: true, banScore: 200, banUntilMs: NOW + HOUR }),
      ...['a', 'b', 'c', 'd'].map((id) => activeAgo(id, MINUTE)),
    ];
    const plan = planEviction(peers, { maxSize: 2, ttlMs: 24 * HOUR }, NOW);
    expect(plan.expired).toEqual([]);
    expect([...plan.overCapacity].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('LRU drops the least recently active first, down to maxSize minus the exempt', () => {
    const peers = [
      activeAgo('connected', HOUR, { isConnected: true }),
      activeAgo('newest', 1),
      activeAgo('oldest', 30 * MINUTE),
      activeAgo('middle', 10 * MINUTE),
    ];
    expect(planEviction(peers, { maxSize: 3, ttlMs: 24 * HOUR }, NOW).overCapacity).toEqual([
      'oldest',
    ]);
  });

  it('a fresh LastSeen keeps a peer whose LastMessageTime is stale', () => {
    const active = peer('active', { lastSeenMs: NOW, lastMessageTimeMs: NOW - 3 * HOUR });
    expect(planEviction([active], { maxSize: 0, ttlMs: HOUR }, NOW).expired).toEqual([]);
  });

  it('a fresh LastMessageTime keeps a peer whose LastSeen is stale', () => {
    const gossiping = peer('p', { lastSeenMs: NOW - 3 * HOUR, lastMessageTimeMs: NOW });
    expect(planEviction([gossiping], { maxSize: 0, ttlMs: HOUR }, NOW).expired).toEqual([]);
  });

  it('a missing LastSeen falls back to LastMessageTime; no activity at all counts as idle', () => {
    const old = peer('old-record', { lastSeenMs: undefined, lastMessageTimeMs: NOW });
    const never = peer('never', { lastSeenMs: undefined, lastMessageTimeMs: undefined });
    expect(planEviction([old, never], { maxSize: 0, ttlMs: HOUR }, NOW).expired).toEqual(['never']);
  });

  it('a ban that has run out no longer exempts', () => {
    const expiredBan = activeAgo('p', 2 * HOUR, {
      isBanned: true,
      banScore: 100,
      banUntilMs: NOW - 1,
    });
    expect(planEviction([expiredBan], { maxSize: 0, ttlMs: HOUR }, NOW).expired).toEqual(['p']);
  });

  it('connected and currently banned peers are exempt from the TTL too', () => {
    const peers = [
      activeAgo('connected', 5 * HOUR, { isConnected: true }),
      activeAgo('banned', 5 * HOUR, { isBanned: true, banUntilMs: NOW + 1 }),
    ];
    expect(planEviction(peers, { maxSize: 0, ttlMs: HOUR }, NOW)).toEqual({
      expired: [],
      overCapacity: [],
    });
  });

  it('maxSize 0 disables the LRU phase; ttl 0 disables the TTL phase', () => {
    const peers = ['a', 'b', 'c'].map((id) => activeAgo(id, 5 * HOUR));
    expect(planEviction(peers, { maxSize: 0, ttlMs: 0 }, NOW)).toEqual({
      expired: [],
      overCapacity: [],
    });
  });

  it('TTL runs first, so expired peers do not also count against the size', () => {
    const peers = [
      activeAgo('stale', 2 * HOUR),
      activeAgo('a', MINUTE),
      activeAgo('b', 2 * MINUTE),
    ];
    expect(planEviction(peers, { maxSize: 2, ttlMs: HOUR }, NOW)).toEqual({
      expired: ['stale'],
      overCapacity: [],
    });
  });

  it('more exempt peers than maxSize evicts every non-exempt peer', () => {
    const peers = [
      activeAgo('c1', 0, { isConnected: true }),
      activeAgo('c2', 0, { isConnected: true }),
      activeAgo('c3', 0, { isConnected: true }),
      activeAgo('x', 0),
    ];
    expect(planEviction(peers, { maxSize: 2, ttlMs: HOUR }, NOW).overCapacity).toEqual(['x']);
  });
});
