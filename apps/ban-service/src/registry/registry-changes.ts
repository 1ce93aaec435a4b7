import {
  recordBlockReceived,
  recordCatchupError,
  recordMessageReceived,
  recordSubtreeReceived,
  recordSyncAttempt,
  recordTransactionReceived,
  registerPeer,
  setStorage,
  updateMetrics,
  type BanStanding,
  type PeerRecord,
} from '@teranode-p2p/peer-registry';

/** A peer's node_status as gossip carried it. */
export interface GossipStatus {
  height: number;
  blockHash: string;
  dataHubUrl: string;
  clientName: string;
  storage: string;
}

/** What one gossip-node saw of one peer since its last batch. */
export interface GossipObservation {
  peerId: string;
  bytesReceived: number;
  /** The newest accepted message; undefined = none in this batch. */
  lastMessageAtMs?: number;
  status?: GossipStatus;
  connection?: 'connected' | 'disconnected';
}

export type Interaction =
  | { kind: 'catchup-success'; responseTimeMs: number }
  | { kind: 'catchup-failure' | 'catchup-malicious' | 'sync-attempt' | 'transaction-received' }
  | { kind: 'block-received' | 'subtree-received'; responseTimeMs: number }
  | { kind: 'bytes-downloaded'; bytes: number }
  | { kind: 'catchup-error'; error: string };

/** What an observation does to the peer's connection lease: renews it, ends it, or nothing. */
export function connectionChange(seen: GossipObservation): 'renew' | 'end' | undefined {
  if (seen.connection === 'disconnected') return 'end';
  const sentGossip = seen.lastMessageAtMs !== undefined || seen.status !== undefined;
  return sentGossip || seen.connection === 'connected' ? 'renew' : undefined;
}

/**
 * Teranode's per-message path (reference-peer-registry.md §5.5) for a batch: the author is
 * registered (with its node_status fields), its last message time and received bytes
 * advanced. Teranode also marks it connected for good; here `connectionChange` renews a lease
 * instead (the store keeps it), so a peer nobody hears or holds any more stops counting.
 */
export function applyObservation(
  existing: PeerRecord | undefined,
  seen: GossipObservation,
  nowMs: number,
  ban: BanStanding | undefined,
): PeerRecord | undefined {
  const sentGossip = seen.lastMessageAtMs !== undefined || seen.status !== undefined;
  if (existing === undefined && !sentGossip) return undefined;
  const status = seen.status;
  let record = registerPeer(
    existing,
    status === undefined || status.height <= 0
      ? { id: seen.peerId }
      : {
          id: seen.peerId,
          height: status.height,
          blockHash: status.blockHash || undefined,
          dataHubUrl: status.dataHubUrl,
          clientName: status.clientName,
        },
    nowMs,
    ban,
  );
  if (status?.storage) record = setStorage(record, status.storage);
  // Replicas report in their own rhythm: an older batch does not move the time back.
  if (seen.lastMessageAtMs !== undefined && seen.lastMessageAtMs > (record.lastMessageTimeMs ?? 0))
    record = recordMessageReceived(record, seen.lastMessageAtMs);
  if (seen.bytesReceived > 0)
    record = updateMetrics(record, { bytesReceivedDelta: seen.bytesReceived }, nowMs);
  return record;
}

/** One reported interaction (the p2p_api catch-up and validation RPCs, §3.2). */
export function applyInteraction(
  record: PeerRecord,
  interaction: Interaction,
  nowMs: number,
): PeerRecord {
  switch (interaction.kind) {
    case 'catchup-success':
      return updateMetrics(
        record,
        { recordSuccess: true, responseTimeMs: interaction.responseTimeMs },
        nowMs,
      );
    case 'catchup-failure':
      return updateMetrics(record, { recordFailure: true }, nowMs);
    case 'catchup-malicious':
      return updateMetrics(record, { recordMalicious: true }, nowMs);
    case 'sync-attempt':
      return recordSyncAttempt(record, nowMs);
    case 'block-received':
      return recordBlockReceived(record, interaction.responseTimeMs, nowMs);
    case 'subtree-received':
      return recordSubtreeReceived(record, interaction.responseTimeMs, nowMs);
    case 'transaction-received':
      return recordTransactionReceived(record, nowMs);
    case 'bytes-downloaded':
      return updateMetrics(record, { bytesReceivedDelta: interaction.bytes }, nowMs);
    case 'catchup-error':
      return recordCatchupError(record, interaction.error, nowMs);
  }
}
