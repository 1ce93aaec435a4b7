import { describe, expect, it } from '@jest/globals';
import { HOUR, peer, replay, T0 } from '../test/support/peer-fixture.js';
import { recordBlockReceived, updateMetrics } from './interaction-metrics.js';
import type { PeerRecord } from './peer-record.js';
import { recordCatchupError } from './peer-status.js';
import {
  isDueForRecovery,
  peersDueForRecovery,
  recoverReputation,
  recoveryWaitMs,
  resetReputation,
} from './reputation-recovery.js';
import { recordSyncAttempt } from './sync-attempts.js';

/** A peer that failed (score 5) at `failedAtMs`. */
const failedAt = (id: string, failedAtMs: number): PeerRecord =>
  updateMetrics(peer(id), { recordFailure: true }, failedAtMs);

describe('resetReputation (the operator reset)', () => {
  it('gives 50, malicious 0, sync count 0, and forgets history, response time and the catch-up error', () => {
    const record = replay(
      peer('a'),
      (r) => updateMetrics(r, { recordSuccess: true, responseTimeMs: 300 }, T0),
      (r) => updateMetrics(r, { recordMalicious: true }, T0),
      (r) => recordSyncAttempt(r, T0),
      (r) => recordCatchupError(r, 'boom', T0),
      (r) => recoverReputation(r, T0),
      resetReputation,
    );
    expect(record).toMatchObject({
      reputationScore: 50,
      maliciousCount: 0,
      syncAttemptCount: 0,
      lastSyncAttemptMs: undefined,
      interactionAttempts: 0,
      interactionSuccesses: 0,
      interactionFailures: 0,
      lastInteractionAttemptMs: undefined,
      lastInteractionSuccessMs: undefined,
      lastInteractionFailureMs: undefined,
      avgResponseTimeMs: 0,
      lastCatchupError: '',
      lastCatchupErrorTimeMs: undefined,
      lastReputationResetMs: undefined,
      reputationResetCount: 0,
    });
  });

  it('leaves the ban score and the received counters', () => {
    const record = resetReputation(recordBlockReceived(peer('a', { banScore: 40 }), 0, T0));
    expect([record.banScore, record.blocksReceived]).toEqual([40, 1]);
  });

  it('resetting every peer (empty peer ID) resets each one', () => {
    const peers = [failedAt('a', T0), failedAt('b', T0)].map(resetReputation);
    expect(peers.map((p) => p.reputationScore)).toEqual([50, 50]);
  });
});

describe('ReconsiderBadPeers (automatic recovery)', () => {
  const cooldown = HOUR;
  const now = T0 + 2 * HOUR;

  it('a failure 2 h old with a 1 h cooldown → 30, malicious 0, reset count 1, reset time now', () => {
    const malicious = updateMetrics(peer('a'), { recordMalicious: true }, T0);
    expect(isDueForRecovery(malicious, cooldown, now)).toBe(true);
    expect(recoverReputation(malicious, now)).toMatchObject({
      reputationScore: 30,
      maliciousCount: 0,
      reputationResetCount: 1,
      lastReputationResetMs: now,
    });
  });

  it('a second recovery waits cooldown × 3 after the first', () => {
    const recovered = recoverReputation(failedAt('a', T0), now);
    const failedAgain = updateMetrics(recovered, { recordFailure: true }, now);
    expect(failedAgain.reputationScore).toBeLessThan(20);
    expect(recoveryWaitMs(failedAgain, cooldown)).toBe(3 * HOUR);
    expect(isDueForRecovery(failedAgain, cooldown, now + 2 * HOUR)).toBe(false);
    expect(isDueForRecovery(failedAgain, cooldown, now + 3 * HOUR)).toBe(true);
    const twice = recoverReputation(failedAgain, now + 3 * HOUR);
    expect(recoveryWaitMs(twice, cooldown)).toBe(9 * HOUR);
  });

  it('a recent failure is not reconsidered, nor a peer at 20 or more, nor one that never failed', () => {
    expect(isDueForRecovery(failedAt('a', now - 30 * 60_000), cooldown, now)).toBe(false);
    expect(
      isDueForRecovery(
        peer('b', { reputationScore: 20, lastInteractionFailureMs: T0 }),
        cooldown,
        now,
      ),
    ).toBe(false);
    expect(isDueForRecovery(peer('c', { reputationScore: 10 }), cooldown, now)).toBe(false);
  });

  it('returns 3 of 4 peers', () => {
    const peers = [failedAt('a', T0), failedAt('b', T0), failedAt('c', T0), failedAt('d', now)];
    expect(peersDueForRecovery(peers, cooldown, now)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the success and failure counts, so the next event recomputes from them', () => {
    const recovered = recoverReputation(failedAt('a', T0), now);
    expect([recovered.interactionFailures, recovered.reputationScore]).toEqual([1, 30]);
    const next = updateMetrics(recovered, { recordSuccess: true }, now);
    expect(next.reputationScore).toBe(0.5 * 100 * 0.6 + 20 + 10);
  });
});
