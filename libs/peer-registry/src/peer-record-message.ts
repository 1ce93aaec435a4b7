import type { peer_registry } from '@teranode-p2p/contracts';
import type { PeerRecord, TransportType } from './peer-record.js';

type Message = peer_registry.PeerRecord;

const msOrZero = (ms: number | undefined): string => String(ms ?? 0);
const msOrUndefined = (value: string | undefined): number | undefined =>
  value === undefined || value === '0' ? undefined : Number(value);

/** The record as ban-service sends it to gossip-node (times in Unix ms, 0 = never). */
export function toPeerRecordMessage(record: PeerRecord): Message {
  return {
    id: record.id,
    transport: record.transport,
    client_name: record.clientName,
    height: record.height,
    block_hash: record.blockHash ?? '',
    data_hub_url: record.dataHubUrl,
    network_address: record.networkAddress,
    storage: record.storage,
    is_banned: record.isBanned,
    ban_score: record.banScore,
    ban_until: msOrZero(record.banUntilMs),
    bytes_sent: String(record.bytesSent),
    bytes_received: String(record.bytesReceived),
    interaction_attempts: String(record.interactionAttempts),
    interaction_successes: String(record.interactionSuccesses),
    interaction_failures: String(record.interactionFailures),
    malicious_count: String(record.maliciousCount),
    last_interaction_attempt: msOrZero(record.lastInteractionAttemptMs),
    last_interaction_success: msOrZero(record.lastInteractionSuccessMs),
    last_interaction_failure: msOrZero(record.lastInteractionFailureMs),
    reputation_score: record.reputationScore,
    avg_response_time_ms: record.avgResponseTimeMs,
    connected_at: msOrZero(record.connectedAtMs),
    last_message_time: msOrZero(record.lastMessageTimeMs),
    last_seen: msOrZero(record.lastSeenMs),
    is_connected: record.isConnected,
    last_block_time: msOrZero(record.lastBlockTimeMs),
    blocks_received: String(record.blocksReceived),
    subtrees_received: String(record.subtreesReceived),
    transactions_received: String(record.transactionsReceived),
    catchup_blocks: String(record.catchupBlocks),
    last_sync_attempt: msOrZero(record.lastSyncAttemptMs),
    sync_attempt_count: record.syncAttemptCount,
    last_reputation_reset: msOrZero(record.lastReputationResetMs),
    reputation_reset_count: record.reputationResetCount,
    last_catchup_error: record.lastCatchupError,
    last_catchup_error_time: msOrZero(record.lastCatchupErrorTimeMs),
  };
}

/** The record from ban-service's message; fields left out (proto3 defaults) read as zero. */
export function peerRecordOf(message: Partial<Message>): PeerRecord {
  const count = (value: string | undefined) => Number(value ?? 0);
  return {
    id: message.id ?? '',
    transport: (message.transport === 'wire' ? 'wire' : 'http') as TransportType,
    clientName: message.client_name ?? '',
    height: message.height ?? 0,
    blockHash: message.block_hash || undefined,
    dataHubUrl: message.data_hub_url ?? '',
    networkAddress: message.network_address ?? '',
    storage: message.storage ?? '',
    isBanned: message.is_banned ?? false,
    banScore: message.ban_score ?? 0,
    banUntilMs: msOrUndefined(message.ban_until),
    bytesSent: count(message.bytes_sent),
    bytesReceived: count(message.bytes_received),
    interactionAttempts: count(message.interaction_attempts),
    interactionSuccesses: count(message.interaction_successes),
    interactionFailures: count(message.interaction_failures),
    maliciousCount: count(message.malicious_count),
    lastInteractionAttemptMs: msOrUndefined(message.last_interaction_attempt),
    lastInteractionSuccessMs: msOrUndefined(message.last_interaction_success),
    lastInteractionFailureMs: msOrUndefined(message.last_interaction_failure),
    reputationScore: message.reputation_score ?? 0,
    avgResponseTimeMs: message.avg_response_time_ms ?? 0,
    connectedAtMs: msOrUndefined(message.connected_at),
    lastMessageTimeMs: msOrUndefined(message.last_message_time),
    lastSeenMs: msOrUndefined(message.last_seen),
    isConnected: message.is_connected ?? false,
    lastBlockTimeMs: msOrUndefined(message.last_block_time),
    blocksReceived: count(message.blocks_received),
    subtreesReceived: count(message.subtrees_received),
    transactionsReceived: count(message.transactions_received),
    catchupBlocks: count(message.catchup_blocks),
    lastSyncAttemptMs: msOrUndefined(message.last_sync_attempt),
    syncAttemptCount: message.sync_attempt_count ?? 0,
    lastReputationResetMs: msOrUndefined(message.last_reputation_reset),
    reputationResetCount: message.reputation_reset_count ?? 0,
    lastCatchupError: message.last_catchup_error ?? '',
    lastCatchupErrorTimeMs: msOrUndefined(message.last_catchup_error_time),
  };
}
