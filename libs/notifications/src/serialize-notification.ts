import { goJsonString } from './go-json.js';
import type { BlockAssemblyDetailsJson, NotificationMessage } from './notification-message.js';

/** How Go writes a field: left out when empty (`omitempty`), or always. */
type FieldRule = 'omitempty' | 'always';

// notificationMsg's fields in Go struct order (reference-service.md §5): the JSON keeps it.
const NOTIFICATION_FIELDS: readonly (readonly [keyof NotificationMessage, FieldRule])[] = [
  ['timestamp', 'omitempty'],
  ['type', 'always'],
  ['hash', 'omitempty'],
  ['base_url', 'omitempty'],
  ['peer_id', 'omitempty'],
  ['previousblockhash', 'omitempty'],
  ['tx_count', 'omitempty'],
  ['height', 'omitempty'],
  ['size_in_bytes', 'omitempty'],
  ['miner', 'omitempty'],
  ['version', 'omitempty'],
  ['commit_hash', 'omitempty'],
  ['best_block_hash', 'omitempty'],
  ['best_height', 'always'],
  ['block_assembly_details', 'always'],
  ['fsm_state', 'omitempty'],
  ['start_time', 'omitempty'],
  ['uptime', 'omitempty'],
  ['client_name', 'omitempty'],
  ['miner_name', 'omitempty'],
  ['listen_mode', 'omitempty'],
  ['chain_work', 'omitempty'],
  ['sync_peer_id', 'omitempty'],
  ['sync_peer_height', 'omitempty'],
  ['sync_peer_block_hash', 'omitempty'],
  ['sync_connected_at', 'omitempty'],
];

// blockassembly_api.StateMessage's fields in protobuf order; every one is omitempty.
const BLOCK_ASSEMBLY_FIELDS: readonly (keyof BlockAssemblyDetailsJson)[] = [
  'blockAssemblyState',
  'subtreeProcessorState',
  'subtreeCount',
  'txCount',
  'queueCount',
  'currentHeight',
  'currentHash',
  'removeMapCount',
  'subtrees',
];

type JsonValue = string | number | readonly string[] | BlockAssemblyDetailsJson | null | undefined;

function isEmpty(value: JsonValue): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    value === 0 ||
    (Array.isArray(value) && value.length === 0)
  );
}

function encodeValue(value: JsonValue): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  // Go refuses NaN and ±Inf; the fields that could hold one are omitempty and left out instead.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (Array.isArray(value)) return `[${value.map((item) => goJsonString(item)).join(',')}]`;
  return encodeBlockAssembly(value as BlockAssemblyDetailsJson);
}

function encodeBlockAssembly(details: BlockAssemblyDetailsJson): string {
  const parts: string[] = [];
  for (const key of BLOCK_ASSEMBLY_FIELDS) {
    const value = details[key];
    if (!isEmpty(value) && !isNonFinite(value)) parts.push(`"${key}":${encodeValue(value)}`);
  }
  return `{${parts.join(',')}}`;
}

function isNonFinite(value: JsonValue): boolean {
  return typeof value === 'number' && !Number.isFinite(value);
}

/** The notification as the JSON text Teranode's Go server would send for it. */
export function serializeNotification(message: NotificationMessage): string {
  const parts: string[] = [];
  for (const [key, rule] of NOTIFICATION_FIELDS) {
    const value = message[key];
    if (rule === 'omitempty' && (isEmpty(value) || isNonFinite(value))) continue;
    parts.push(`"${key}":${encodeValue(value)}`);
  }
  return `{${parts.join(',')}}`;
}
