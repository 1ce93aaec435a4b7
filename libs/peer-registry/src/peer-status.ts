import { MAX_STORAGE_LENGTH } from './field-limits.js';
import type { PeerRecord } from './peer-record.js';

/**
 * Catch-up error texts come from block validation; they are kept to this many characters so
 * one peer's record stays small (Teranode keeps them whole).
 */
export const MAX_CATCHUP_ERROR_LENGTH = 1_024;

/** UpdateConnectionState. */
export function setConnectionState(record: PeerRecord, connected: boolean): PeerRecord {
  return record.isConnected === connected ? record : { ...record, isConnected: connected };
}

/** UpdateLastMessageTime: an accepted gossip message from this peer. */
export function recordMessageReceived(record: PeerRecord, nowMs: number): PeerRecord {
  return { ...record, lastMessageTimeMs: nowMs };
}

/** UpdateStorage: the storage mode the peer announced (one longer than any mode is not taken). */
export function setStorage(record: PeerRecord, storage: string): PeerRecord {
  return storage.length > MAX_STORAGE_LENGTH ? record : { ...record, storage };
}

/** RecordCatchupError (UpdateCatchupError): text and time only, no score effect. */
export function recordCatchupError(record: PeerRecord, message: string, nowMs: number): PeerRecord {
  return {
    ...record,
    lastCatchupError: message.slice(0, MAX_CATCHUP_ERROR_LENGTH),
    lastCatchupErrorTimeMs: nowMs,
  };
}
