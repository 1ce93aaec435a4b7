import { describe, expect, it } from '@jest/globals';
import { MINUTE, peer, T0 } from '../test/support/peer-fixture.js';
import {
  clearAllSyncAttempts,
  clearSyncAttempt,
  isInSyncCooldown,
  recordSyncAttempt,
} from './sync-attempts.js';

describe('sync attempts (RecordSyncAttempt / ClearAllSyncAttempts)', () => {
  it('counts and stamps, with no score effect', () => {
    const record = recordSyncAttempt(recordSyncAttempt(peer('a'), T0), T0 + 1);
    expect([record.syncAttemptCount, record.lastSyncAttemptMs, record.reputationScore]).toEqual([
      2,
      T0 + 1,
      50,
    ]);
  });

  it('ClearAllSyncAttempts returns how many had a timestamp and clears only the timestamp', () => {
    const a = recordSyncAttempt(recordSyncAttempt(peer('a'), T0), T0);
    const b = recordSyncAttempt(peer('b'), T0);
    const { records, cleared } = clearAllSyncAttempts([a, b, peer('c')]);
    expect(cleared).toBe(2);
    expect(records.map((r) => [r.id, r.lastSyncAttemptMs, r.syncAttemptCount])).toEqual([
      ['a', undefined, 2],
      ['b', undefined, 1],
      ['c', undefined, 0],
    ]);
  });

  it('a peer is in cooldown while its last attempt is younger than the cooldown; 0 = no cooldown', () => {
    const tried = recordSyncAttempt(peer('a'), T0);
    expect(isInSyncCooldown(tried, MINUTE, T0 + 30_000)).toBe(true);
    expect(isInSyncCooldown(tried, MINUTE, T0 + MINUTE)).toBe(false);
    expect(isInSyncCooldown(tried, 0, T0)).toBe(false);
    expect(isInSyncCooldown(clearSyncAttempt(tried), MINUTE, T0)).toBe(false);
  });
});
