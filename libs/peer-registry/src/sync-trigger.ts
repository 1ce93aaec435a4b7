import type { PeerRecord } from './peer-record.js';

/** The blocks-topic message that starts a catch-up from the sync peer (§5.3). */
export interface SyncTriggerMessage {
  /** Display hex; also the Kafka record key. */
  readonly hash: string;
  readonly url: string;
  readonly peerId: string;
}

export type SyncTriggerResult =
  | { readonly ok: true; readonly message: SyncTriggerMessage }
  | { readonly ok: false; readonly error: string };

/** sendSyncMessage's content: needs the peer and its best-block hash (from node_status). */
export function syncTriggerFor(peerId: string, record: PeerRecord | undefined): SyncTriggerResult {
  if (record === undefined) return { ok: false, error: `peer ${peerId} not found in registry` };
  if (!record.blockHash) return { ok: false, error: `no block hash available for peer ${peerId}` };
  return { ok: true, message: { hash: record.blockHash, url: record.dataHubUrl, peerId } };
}
