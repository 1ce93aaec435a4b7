import type { PeerRecord } from '@teranode-p2p/peer-registry';

/** How a record field is stored: text, a count (bigint/numeric, read back as a number), a
 * double, a flag, or a time (timestamptz, undefined ↔ NULL). */
type ColumnKind = 'text' | 'optional-text' | 'count' | 'double' | 'flag' | 'time';

/**
 * Every stored field of PeerRecord and its peer_registry column. The ban fields are derived,
 * and so is isConnected: from peer_connections, the leases gossip-node replicas renew.
 */
export const REGISTRY_COLUMNS = [
  ['id', 'peer_id', 'text'],
  ['transport', 'transport', 'text'],
  ['clientName', 'client_name', 'text'],
  ['height', 'height', 'count'],
  ['blockHash', 'block_hash', 'optional-text'],
  ['dataHubUrl', 'data_hub_url', 'text'],
  ['networkAddress', 'network_address', 'text'],
  ['storage', 'storage', 'text'],
  ['bytesSent', 'bytes_sent', 'count'],
  ['bytesReceived', 'bytes_received', 'count'],
  ['interactionAttempts', 'interaction_attempts', 'count'],
  ['interactionSuccesses', 'interaction_successes', 'count'],
  ['interactionFailures', 'interaction_failures', 'count'],
  ['maliciousCount', 'malicious_count', 'count'],
  ['lastInteractionAttemptMs', 'last_interaction_attempt', 'time'],
  ['lastInteractionSuccessMs', 'last_interaction_success', 'time'],
  ['lastInteractionFailureMs', 'last_interaction_failure', 'time'],
  ['reputationScore', 'reputation_score', 'double'],
  ['avgResponseTimeMs', 'avg_response_time_ms', 'double'],
  ['connectedAtMs', 'connected_at', 'time'],
  ['lastMessageTimeMs', 'last_message_time', 'time'],
  ['lastSeenMs', 'last_seen', 'time'],
  ['lastBlockTimeMs', 'last_block_time', 'time'],
  ['blocksReceived', 'blocks_received', 'count'],
  ['subtreesReceived', 'subtrees_received', 'count'],
  ['transactionsReceived', 'transactions_received', 'count'],
  ['catchupBlocks', 'catchup_blocks', 'count'],
  ['lastSyncAttemptMs', 'last_sync_attempt', 'time'],
  ['syncAttemptCount', 'sync_attempt_count', 'count'],
  ['lastReputationResetMs', 'last_reputation_reset', 'time'],
  ['reputationResetCount', 'reputation_reset_count', 'count'],
  ['lastCatchupError', 'last_catchup_error', 'text'],
  ['lastCatchupErrorTimeMs', 'last_catchup_error_time', 'time'],
] as const satisfies readonly (readonly [keyof PeerRecord, string, ColumnKind])[];

type StoredField = (typeof REGISTRY_COLUMNS)[number][0];
/** The record without its ban fields (reads take them from the ban authority) and isConnected. */
export type StoredPeer = Pick<PeerRecord, StoredField>;
export type RegistryRow = Record<string, unknown>;

/** Whether a peer of `r` counts as connected at $1: some node's lease on it has not run out. */
export const CONNECTED_NOW =
  'EXISTS (SELECT 1 FROM peer_connections c WHERE c.peer_id = r.peer_id AND c.until > $1)';

const COLUMN_LIST = REGISTRY_COLUMNS.map(([, column]) => column).join(', ');

/** The columns of `r` (peer_registry) as reads select them: times as Unix ms, which pg hands
 * over as numbers (parsing timestamps was a fifth of a large List). */
export const SELECTED_COLUMNS = [
  ...REGISTRY_COLUMNS.map(([, column, kind]) =>
    kind === 'time'
      ? `(extract(epoch from r.${column}) * 1000)::float8 AS ${column}`
      : `r.${column}`,
  ),
  `${CONNECTED_NOW} AS is_connected`,
].join(', ');
const UPDATES = REGISTRY_COLUMNS.slice(1)
  .map(([, column]) => `${column} = EXCLUDED.${column}`)
  .join(', ');

/** How a kind travels in the JSON of UPSERT_PEERS (counts as numeric: bigint, numeric(20) and
 * integer columns all take it by assignment). */
const JSON_TYPES: Record<ColumnKind, string> = {
  text: 'text',
  'optional-text': 'text',
  count: 'numeric',
  double: 'float8',
  flag: 'boolean',
  time: 'timestamptz',
};
const RECORD_TYPE = REGISTRY_COLUMNS.map(
  ([, column, kind]) => `${column} ${JSON_TYPES[kind]}`,
).join(', ');

/** Upserts many peers in one statement: $1 is the JSON array `rowsJson` makes. */
export const UPSERT_PEERS = `INSERT INTO peer_registry (${COLUMN_LIST})
  SELECT ${COLUMN_LIST} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_TYPE})
  ON CONFLICT (peer_id) DO UPDATE SET ${UPDATES}`;

export function rowsJson(peers: readonly StoredPeer[]): string {
  return JSON.stringify(
    peers.map((peer) => {
      const row: Record<string, unknown> = {};
      for (const [field, column, kind] of REGISTRY_COLUMNS) {
        const value = peer[field];
        row[column] =
          kind === 'time'
            ? value === undefined
              ? null
              : new Date(value as number).toISOString()
            : typeof value === 'string'
              ? storableText(value)
              : (value ?? null);
      }
      return row;
    }),
  );
}

/**
 * PostgreSQL's text and jsonb hold no U+0000, which a peer may put in its node_status (client
 * name, DataHub URL) and block validation in a catch-up error: stored as U+FFFD, so one such
 * string does not fail the whole batch it travels in.
 */
function storableText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/** A row as the record, but for the ban fields. */
export function peerOf(row: RegistryRow): Omit<PeerRecord, 'isBanned' | 'banScore' | 'banUntilMs'> {
  return { ...storedPeerOf(row), isConnected: row['is_connected'] === true };
}

function storedPeerOf(row: RegistryRow): StoredPeer {
  const peer: Record<string, unknown> = {};
  for (const [field, column, kind] of REGISTRY_COLUMNS) {
    const value = row[column];
    if (kind === 'time') peer[field] = value === null ? undefined : Math.round(value as number);
    else if (kind === 'optional-text') peer[field] = value ?? undefined;
    else if (kind === 'count' || kind === 'double') peer[field] = Number(value);
    else peer[field] = value;
  }
  return peer as StoredPeer;
}
