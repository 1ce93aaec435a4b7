import { describe, expect, it } from '@jest/globals';
import { MINUTE, peer, replay, T0 } from '../test/support/peer-fixture.js';
import {
  blendResponseTime,
  outcomeOf,
  recordBlockReceived,
  recordSubtreeReceived,
  recordTransactionReceived,
  updateMetrics,
} from './interaction-metrics.js';

describe('updateMetrics (UpdatePeerMetrics)', () => {
  it('sets the height, adds the byte deltas, counts a success and takes the first timed sample as the average', () => {
    const record = updateMetrics(
      peer('p'),
      {
        height: 200,
        bytesSentDelta: 1024,
        bytesReceivedDelta: 512,
        recordSuccess: true,
        responseTimeMs: 150,
      },
      T0,
    );
    expect(record).toMatchObject({
      height: 200,
      bytesSent: 1024,
      bytesReceived: 512,
      interactionAttempts: 1,
      interactionSuccesses: 1,
      avgResponseTimeMs: 150,
      lastInteractionAttemptMs: T0,
      lastInteractionSuccessMs: T0,
    });
  });

  it('height 0 leaves the height; bytes accumulate over calls (1500 + 500 = 2000)', () => {
    const record = replay(
      peer('p', { height: 7 }),
      (r) => updateMetrics(r, { bytesReceivedDelta: 1500 }, T0),
      (r) => updateMetrics(r, { height: 0, bytesReceivedDelta: 500 }, T0),
    );
    expect([record.height, record.bytesReceived]).toEqual([7, 2000]);
  });

  it('a response time of 0 is "not measured" and never touches the average', () => {
    const record = replay(
      peer('p'),
      (r) => updateMetrics(r, { recordSuccess: true, responseTimeMs: 0 }, T0),
      (r) => {
        expect(r.avgResponseTimeMs).toBe(0);
        return updateMetrics(r, { recordSuccess: true, responseTimeMs: 200 }, T0);
      },
      (r) => updateMetrics(r, { recordSuccess: true }, T0),
    );
    expect([record.interactionSuccesses, record.avgResponseTimeMs]).toEqual([3, 200]);
  });

  it('later samples blend 0.8 × old + 0.2 × new, truncated to whole ms', () => {
    expect(blendResponseTime(0, 250)).toBe(250);
    expect(blendResponseTime(200, 100)).toBe(180);
    expect(blendResponseTime(101, 100)).toBe(100);
    expect(blendResponseTime(180, 0)).toBe(180);
  });

  it('a response time is only blended on a success', () => {
    const record = updateMetrics(peer('p'), { recordFailure: true, responseTimeMs: 900 }, T0);
    expect(record.avgResponseTimeMs).toBe(0);
  });

  it('a failure counts an attempt and a failure', () => {
    const record = updateMetrics(peer('p'), { recordFailure: true }, T0);
    expect(record).toMatchObject({
      interactionAttempts: 1,
      interactionFailures: 1,
      interactionSuccesses: 0,
      lastInteractionFailureMs: T0,
      reputationScore: 5,
    });
  });

  it('malicious gives exactly 5.0, MaliciousCount 1, and also an attempt and a failure', () => {
    const record = updateMetrics(peer('p'), { recordMalicious: true }, T0);
    expect(record).toMatchObject({
      reputationScore: 5,
      maliciousCount: 1,
      interactionAttempts: 1,
      interactionFailures: 1,
    });
  });

  it('only the first flag counts, in the order malicious > success > failure', () => {
    expect(outcomeOf({ recordMalicious: true, recordSuccess: true, recordFailure: true })).toBe(
      'malicious',
    );
    expect(outcomeOf({ recordSuccess: true, recordFailure: true })).toBe('success');
    expect(outcomeOf({ recordFailure: true })).toBe('failure');
    expect(outcomeOf({})).toBeUndefined();
    const both = updateMetrics(peer('p'), { recordSuccess: true, recordFailure: true }, T0);
    expect([both.interactionSuccesses, both.interactionFailures, both.interactionAttempts]).toEqual(
      [1, 0, 1],
    );
  });

  it('no outcome still bumps LastSeen and recomputes the score (an expired recency window lapses)', () => {
    const failed = updateMetrics(peer('p'), { recordFailure: true }, T0);
    const later = updateMetrics(failed, { bytesReceivedDelta: 10 }, T0 + 2 * 60 * MINUTE);
    expect([later.lastSeenMs, later.reputationScore, later.interactionAttempts]).toEqual([
      T0 + 120 * MINUTE,
      20,
      1,
    ]);
  });

  describe('the catch-up RPCs as registry operations', () => {
    it('RecordCatchupSuccess(duration 250) → successes 1, average 250', () => {
      const record = updateMetrics(peer('p'), { recordSuccess: true, responseTimeMs: 250 }, T0);
      expect([record.interactionSuccesses, record.avgResponseTimeMs]).toEqual([1, 250]);
    });

    it('RecordCatchupFailure → failures 1; RecordCatchupMalicious → 5.0', () => {
      expect(updateMetrics(peer('p'), { recordFailure: true }, T0).interactionFailures).toBe(1);
      expect(updateMetrics(peer('p'), { recordMalicious: true }, T0).reputationScore).toBe(5);
    });
  });
});

describe('received items (ReportValidBlock / ReportValidSubtree / RecordTransactionReceived)', () => {
  it('block, subtree and transaction each +1: successes 3, average 150 from the block sample, LastBlockTime set', () => {
    const record = replay(
      peer('p'),
      (r) => recordBlockReceived(r, 150, T0),
      (r) => recordSubtreeReceived(r, 0, T0),
      (r) => recordTransactionReceived(r, T0),
    );
    expect(record).toMatchObject({
      blocksReceived: 1,
      subtreesReceived: 1,
      transactionsReceived: 1,
      interactionSuccesses: 3,
      avgResponseTimeMs: 150,
      lastBlockTimeMs: T0,
    });
  });

  it('a block or subtree counts an attempt; a transaction does not', () => {
    const record = replay(
      peer('p'),
      (r) => recordBlockReceived(r, 0, T0),
      (r) => recordSubtreeReceived(r, 0, T0),
      (r) => recordTransactionReceived(r, T0),
    );
    expect(record.interactionAttempts).toBe(2);
  });

  it('each bumps LastSeen and success time and recomputes the score', () => {
    const later = T0 + MINUTE;
    for (const record of [
      recordBlockReceived(peer('p'), 0, later),
      recordSubtreeReceived(peer('p'), 0, later),
      recordTransactionReceived(peer('p'), later),
    ]) {
      expect([record.lastSeenMs, record.lastInteractionSuccessMs, record.reputationScore]).toEqual([
        later,
        later,
        90,
      ]);
    }
  });

  it('only a block sets LastBlockTime', () => {
    expect(recordSubtreeReceived(peer('p'), 0, T0).lastBlockTimeMs).toBeUndefined();
  });
});
