import type { PeerRecord } from './peer-record.js';

/** RecordSyncAttempt (RecordCatchupAttempt): counts and stamps; no score effect. */
export function recordSyncAttempt(record: PeerRecord, nowMs: number): PeerRecord {
  return { ...record, lastSyncAttemptMs: nowMs, syncAttemptCount: record.syncAttemptCount + 1 };
}

/** Clears only the timestamp, so the peer can be selected again; the count stays. */
export function clearSyncAttempt(record: PeerRecord): PeerRecord {
  return record.lastSyncAttemptMs === undefined
    ? record
    : { ...record, lastSyncAttemptMs: undefined };
}

/** ClearAllSyncAttempts: every record cleared, and how many had a timestamp. */
export function clearAllSyncAttempts(records: readonly PeerRecord[]): {
  records: PeerRecord[];
  cleared: number;
} {
  return {
    records: records.map(clearSyncAttempt),
    cleared: records.filter((r) => r.lastSyncAttemptMs !== undefined).length,
  };
}

/** Attempted within the cooldown (a selection skips the peer). */
export function isInSyncCooldown(record: PeerRecord, cooldownMs: number, nowMs: number): boolean {
  return (
    cooldownMs > 0 &&
    record.lastSyncAttemptMs !== undefined &&
    nowMs - record.lastSyncAttemptMs < cooldownMs
  );
}
