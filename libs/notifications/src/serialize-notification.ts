import { goJsonString } from './go-json.js';
import type { FeePolicyJson, NotificationMessage } from './notification-message.js';

/**
 * How Go writes a field: left out when empty (`omitempty`), always, or left out only when nil
 * (an omitempty pointer: a known 0 is written).
 */
type FieldRule = 'omitempty' | 'always' | 'pointer';

// notificationMsg's fields in Go struct order (HandleWebsocket.go at ad41218): the JSON keeps it.
const NOTIFICATION_FIELDS: readonly (readonly [keyof NotificationMessage, FieldRule])[] = [
  ['timestamp', 'omitempty'],
  ['type', 'always'],
  ['hash', 'omitempty'],
  ['base_url', 'omitempty'],
  ['propagation_url', 'omitempty'],
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
  ['subtree_count', 'omitempty'],
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
  ['min_mining_tx_fee', 'pointer'],
  ['fee_policy', 'pointer'],
  ['connected_peers_count', 'omitempty'],
  ['storage', 'omitempty'],
];

type JsonValue = string | number | bigint | FeePolicyJson | undefined;

function isEmpty(value: JsonValue): boolean {
  return value === undefined || value === '' || value === 0 || value === 0n;
}

/** Go refuses NaN and ±Inf; the fields that could hold one are left out instead. */
function isNonFinite(value: JsonValue): boolean {
  return typeof value === 'number' && !Number.isFinite(value);
}

/** A uint64 held as digits, as a JSON number (0 when it is not one). */
function uint64(digits: string): string {
  return /^(0|[1-9][0-9]*)$/.test(digits) ? digits : '0';
}

function encodeFeePolicy(policy: FeePolicyJson): string {
  return (
    `{"miningFee":{"satoshis":${uint64(policy.miningFee.satoshis)},"bytes":${uint64(policy.miningFee.bytes)}},` +
    `"maxscriptsizepolicy":${uint64(policy.maxscriptsizepolicy)},` +
    `"maxtxsizepolicy":${uint64(policy.maxtxsizepolicy)},` +
    `"maxtxsigopscountspolicy":${uint64(policy.maxtxsigopscountspolicy)}}`
  );
}

function encodeValue(value: JsonValue): string {
  if (value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'bigint') return value.toString();
  // String() is Go's shortest float form with the same exponent thresholds; Go keeps -0.
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return encodeFeePolicy(value);
}

/** The notification as the JSON text Teranode's Go server would send for it. */
export function serializeNotification(message: NotificationMessage): string {
  const parts: string[] = [];
  for (const [key, rule] of NOTIFICATION_FIELDS) {
    const value = message[key];
    if (isNonFinite(value)) continue;
    if (rule === 'omitempty' && isEmpty(value)) continue;
    if (rule === 'pointer' && value === undefined) continue;
    parts.push(`"${key}":${encodeValue(value)}`);
  }
  return `{${parts.join(',')}}`;
}
