import { describe, expect, it } from '@jest/globals';
import { MINUTE, peer, replay, syncPeer, T0 } from '../test/support/peer-fixture.js';
import { updateMetrics } from './interaction-metrics.js';
import { isLowReputationSender, isViableSyncCandidate, peerHealth } from './peer-health.js';
import type { PeerRecord } from './peer-record.js';

const times = (n: number, step: (r: PeerRecord) => PeerRecord) =>
  Array.from({ length: n }, () => step);
const success = (r: PeerRecord) =>
  updateMetrics(r, { recordSuccess: true, responseTimeMs: 100 }, T0);
const failure = (r: PeerRecord) => updateMetrics(r, { recordFailure: true }, T0);

describe('isViableSyncCandidate', () => {
  it('not banned, has a URL, height > 0, reputation ≥ 20', () => {
    const good = syncPeer('a', 100, 'full', 20);
    expect(isViableSyncCandidate(good, T0)).toBe(true);
    expect(isViableSyncCandidate({ ...good, isBanned: true, banUntilMs: T0 + MINUTE }, T0)).toBe(
      false,
    );
    expect(isViableSyncCandidate({ ...good, dataHubUrl: '' }, T0)).toBe(false);
    expect(isViableSyncCandidate({ ...good, height: 0 }, T0)).toBe(false);
    expect(isViableSyncCandidate({ ...good, reputationScore: 19.99 }, T0)).toBe(false);
  });

  it('a ban that has run out no longer disqualifies', () => {
    const good = syncPeer('a', 100, 'full', 60, { isBanned: true, banUntilMs: T0 });
    expect(isViableSyncCandidate(good, T0)).toBe(true);
  });
});

describe('peerHealth (IsPeerUnhealthy)', () => {
  it('an empty peer ID is unhealthy with score 0 and says so', () => {
    expect(peerHealth('', undefined)).toEqual({
      unhealthy: true,
      reason: 'empty peer ID',
      reputationScore: 0,
    });
  });

  it('an ID the caller cannot decode is unhealthy ("invalid peer ID")', () => {
    expect(peerHealth('not-an-id', peer('not-an-id'), () => false)).toEqual({
      unhealthy: true,
      reason: 'invalid peer ID',
      reputationScore: 0,
    });
  });

  it('an unknown peer is unhealthy ("unknown peer")', () => {
    expect(peerHealth('p', undefined)).toEqual({
      unhealthy: true,
      reason: 'unknown peer',
      reputationScore: 0,
    });
  });

  it('reputation below 40 is unhealthy: "low reputation score: x"', () => {
    expect(peerHealth('p', peer('p', { reputationScore: 39.5 }))).toEqual({
      unhealthy: true,
      reason: 'low reputation score: 39.50',
      reputationScore: 39.5,
    });
    expect(peerHealth('p', peer('p', { reputationScore: 40 })).unhealthy).toBe(false);
  });

  it('4 successes of 12 (score 42) is unhealthy by success rate: "low success rate"', () => {
    const record = replay(peer('p'), ...times(4, success), ...times(8, failure));
    expect(record.reputationScore).toBe(42);
    const health = peerHealth('p', record);
    expect(health).toEqual({
      unhealthy: true,
      reason: 'low success rate: 33.33%',
      reputationScore: 42,
    });
  });

  it('the success-rate rule needs more than 10 interactions and uses the integer half', () => {
    const tenWithFour = peer('p', {
      reputationScore: 60,
      interactionSuccesses: 4,
      interactionFailures: 6,
    });
    expect(peerHealth('p', tenWithFour).unhealthy).toBe(false);
    const elevenWithFive = peer('p', {
      reputationScore: 60,
      interactionSuccesses: 5,
      interactionFailures: 6,
    });
    expect(peerHealth('p', elevenWithFive).unhealthy).toBe(false);
    const elevenWithFour = peer('p', {
      reputationScore: 60,
      interactionSuccesses: 4,
      interactionFailures: 7,
    });
    expect(peerHealth('p', elevenWithFour).unhealthy).toBe(true);
  });

  it('healthy after 5 successes', () => {
    const record = replay(peer('p'), ...times(5, success));
    expect(peerHealth('p', record)).toEqual({ unhealthy: false, reason: '', reputationScore: 100 });
  });
});

describe('isLowReputationSender (gossip filtering)', () => {
  it('an unknown sender is not skipped; a registered peer below 20 is', () => {
    expect(isLowReputationSender(undefined)).toBe(false);
    expect(isLowReputationSender(peer('p', { reputationScore: 5 }))).toBe(true);
    expect(isLowReputationSender(peer('p', { reputationScore: 20 }))).toBe(false);
  });
});
