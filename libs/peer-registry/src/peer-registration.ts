import { banFieldsOf, type BanStanding } from './ban-mirror.js';
import { cleanClientName } from './client-name.js';
import {
  MAX_BLOCK_HASH_LENGTH,
  MAX_DATA_HUB_URL_LENGTH,
  MAX_NETWORK_ADDRESS_LENGTH,
  MAX_STORAGE_LENGTH,
  withinLimit,
} from './field-limits.js';
import type { PeerRecord, TransportType } from './peer-record.js';
import { NEUTRAL_REPUTATION } from './reputation-thresholds.js';

/**
 * What a caller may tell the registry about a peer (Teranode's Register / RegisterPeer). Only
 * descriptive fields: counters, reputation, connection state and ban fields are the registry's
 * own and cannot be supplied.
 */
export interface PeerRegistration {
  readonly id: string;
  /** Left out = not set: a new entry is `http`, an existing one keeps its transport. */
  readonly transport?: TransportType;
  readonly clientName?: string;
  readonly height?: number;
  readonly blockHash?: string;
  readonly dataHubUrl?: string;
  readonly networkAddress?: string;
  readonly storage?: string;
}

function newPeerRecord(
  registration: PeerRegistration,
  nowMs: number,
  ban: BanStanding | undefined,
): PeerRecord {
  return {
    id: registration.id,
    transport: registration.transport ?? 'http',
    clientName: cleanClientName(registration.clientName ?? ''),
    height: Math.max(0, registration.height ?? 0),
    blockHash: registration.blockHash,
    dataHubUrl: registration.dataHubUrl ?? '',
    networkAddress: registration.networkAddress ?? '',
    storage: registration.storage ?? '',
    ...banFieldsOf(ban, nowMs),
    bytesSent: 0,
    bytesReceived: 0,
    interactionAttempts: 0,
    interactionSuccesses: 0,
    interactionFailures: 0,
    maliciousCount: 0,
    lastInteractionAttemptMs: undefined,
    lastInteractionSuccessMs: undefined,
    lastInteractionFailureMs: undefined,
    reputationScore: NEUTRAL_REPUTATION,
    avgResponseTimeMs: 0,
    connectedAtMs: nowMs,
    lastMessageTimeMs: nowMs,
    lastSeenMs: nowMs,
    isConnected: false,
    lastBlockTimeMs: undefined,
    blocksReceived: 0,
    subtreesReceived: 0,
    transactionsReceived: 0,
    catchupBlocks: 0,
    lastSyncAttemptMs: undefined,
    syncAttemptCount: 0,
    lastReputationResetMs: undefined,
    reputationResetCount: 0,
    lastCatchupError: '',
    lastCatchupErrorTimeMs: undefined,
  };
}

/** Overwrites only what the registration carries news of, and bumps LastSeen. */
function updatedPeerRecord(
  existing: PeerRecord,
  registration: PeerRegistration,
  nowMs: number,
): PeerRecord {
  const clientName = cleanClientName(registration.clientName ?? '');
  const { height = 0, dataHubUrl, networkAddress, storage, blockHash, transport } = registration;
  return {
    ...existing,
    ...(clientName !== '' && { clientName }),
    ...(height > 0 && { height }),
    ...(!!dataHubUrl && { dataHubUrl }),
    ...(!!networkAddress && { networkAddress }),
    ...(!!storage && { storage }),
    ...(blockHash !== undefined && { blockHash }),
    ...(transport !== undefined && { transport }),
    lastSeenMs: nowMs,
  };
}

/**
 * Register (upsert). A new entry starts neutral (reputation 50), with ConnectedAt, LastSeen and
 * LastMessageTime at `nowMs`, not connected, and its ban fields from `ban`, the ban
 * authority's standing for this ID (so a banned peer that re-attaches stays banned). An update
 * never touches IsConnected, counters, reputation or ban fields.
 */
export function registerPeer(
  existing: PeerRecord | undefined,
  registration: PeerRegistration,
  nowMs: number,
  ban?: BanStanding,
): PeerRecord {
  const bounded = withinFieldLimits(registration);
  return existing === undefined
    ? newPeerRecord(bounded, nowMs, ban)
    : updatedPeerRecord(existing, bounded, nowMs);
}

/** The registration without texts over their limits (field-limits.ts): those are not taken. */
function withinFieldLimits(registration: PeerRegistration): PeerRegistration {
  return {
    ...registration,
    blockHash: withinLimit(registration.blockHash, MAX_BLOCK_HASH_LENGTH),
    dataHubUrl: withinLimit(registration.dataHubUrl, MAX_DATA_HUB_URL_LENGTH),
    networkAddress: withinLimit(registration.networkAddress, MAX_NETWORK_ADDRESS_LENGTH),
    storage: withinLimit(registration.storage, MAX_STORAGE_LENGTH),
  };
}
