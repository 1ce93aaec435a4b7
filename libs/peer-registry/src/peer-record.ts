/**
 * One peer as the registry knows it: Teranode's `blockchain.PeerInfo`
 * (reference-peer-registry.md §2). Times are Unix milliseconds, `undefined` where Teranode has a
 * zero time. Records are immutable: every operation returns a new one.
 */

/** `blockchain_api.TransportType`: gossip-node registers every peer as `http`. */
export type TransportType = 'http' | 'wire';

/** What a peer announces in node_status `storage`; anything else (or empty) is unknown. */
export const FULL_STORAGE = 'full';
export const PRUNED_STORAGE = 'pruned';

export interface PeerRecord {
  /** libp2p peer ID, or a network address for wire-protocol peers. */
  readonly id: string;
  readonly transport: TransportType;
  /** Cleaned by `cleanClientName`. */
  readonly clientName: string;
  readonly height: number;
  /** Display-order hex of the peer's best block (from node_status only). */
  readonly blockHash: string | undefined;
  readonly dataHubUrl: string;
  readonly networkAddress: string;
  /** `full`, `pruned`, or unknown (empty or anything else). */
  readonly storage: string;

  /** Mirrors of the ban standing (see ban-mirror.ts); never taken from a caller. */
  readonly isBanned: boolean;
  readonly banScore: number;
  /** When the mirrored ban ends; Teranode keeps this only in its ban map. */
  readonly banUntilMs: number | undefined;

  readonly bytesSent: number;
  readonly bytesReceived: number;

  readonly interactionAttempts: number;
  readonly interactionSuccesses: number;
  readonly interactionFailures: number;
  readonly maliciousCount: number;
  readonly lastInteractionAttemptMs: number | undefined;
  readonly lastInteractionSuccessMs: number | undefined;
  readonly lastInteractionFailureMs: number | undefined;
  readonly reputationScore: number;
  /** Blended average of measured response times; 0 = never measured. */
  readonly avgResponseTimeMs: number;

  /** When the entry was created (not the libp2p connect time). */
  readonly connectedAtMs: number | undefined;
  /** Set at creation, then only by an accepted gossip message. */
  readonly lastMessageTimeMs: number | undefined;
  /** Set at creation, bumped by registration updates, metrics and received items. */
  readonly lastSeenMs: number | undefined;
  readonly isConnected: boolean;

  readonly lastBlockTimeMs: number | undefined;
  readonly blocksReceived: number;
  readonly subtreesReceived: number;
  readonly transactionsReceived: number;
  /** Persisted for compatibility; Teranode no longer increments it. */
  readonly catchupBlocks: number;

  readonly lastSyncAttemptMs: number | undefined;
  readonly syncAttemptCount: number;

  readonly lastReputationResetMs: number | undefined;
  readonly reputationResetCount: number;

  readonly lastCatchupError: string;
  readonly lastCatchupErrorTimeMs: number | undefined;
}

/** The newer of LastSeen and LastMessageTime: what eviction and staleness go by. */
export function lastActivityMs(record: PeerRecord): number | undefined {
  const { lastSeenMs, lastMessageTimeMs } = record;
  if (lastSeenMs === undefined) return lastMessageTimeMs;
  if (lastMessageTimeMs === undefined) return lastSeenMs;
  return Math.max(lastSeenMs, lastMessageTimeMs);
}
