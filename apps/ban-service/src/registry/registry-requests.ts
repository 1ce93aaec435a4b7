import { parsePeerId } from '@teranode-p2p/ban-rules';
import { LAST_DATE_MS, peer_registry } from '@teranode-p2p/contracts';
import { quoteInput } from '@teranode-p2p/config';
import { invalidArgument } from '@teranode-p2p/service-runtime';
import type { GossipObservation, Interaction } from './registry-changes.js';

const { Connection, Interaction: Kind } = peer_registry;

/** A whole number from 0 to `max`. */
function nonNegative(
  value: string | number | undefined,
  field: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const number = Number(value ?? 0);
  if (!Number.isSafeInteger(number) || number < 0 || number > max)
    throw invalidArgument(
      `${field} must be a whole number from 0 to ${max}, not ${quoteInput(String(value))}`,
    );
  return number;
}

/** How long a batch's connections hold when it does not say (gossip-node renews a third of it). */
export const DEFAULT_CONNECTED_FOR_MS = 60_000;
export const MAX_CONNECTED_FOR_MS = 60 * 60_000;

/** The longest reporter name taken (gossip-node sends its peer ID). */
export const MAX_REPORTER_LENGTH = 128;

/** ApplyGossip's lease: who reports (empty: a node that does not say) and for how long. */
export function leaseOf(batch: peer_registry.GossipBatch): {
  reporter: string;
  connectedForMs: number;
} {
  const ms = nonNegative(batch.connected_for_ms, 'connected_for_ms', MAX_CONNECTED_FOR_MS);
  const reporter = batch.reporter ?? '';
  if (reporter.length > MAX_REPORTER_LENGTH || reporter.includes('\u0000'))
    throw invalidArgument(
      `reporter must be at most ${MAX_REPORTER_LENGTH} characters without U+0000, not ${quoteInput(reporter)}`,
    );
  return { reporter, connectedForMs: ms === 0 ? DEFAULT_CONNECTED_FOR_MS : ms };
}

/** One observation of an ApplyGossip batch, checked. */
export function gossipObservationOf(seen: peer_registry.GossipObservation): GossipObservation {
  const lastMessageAtMs = nonNegative(seen.last_message_at, 'last_message_at', LAST_DATE_MS);
  // grpc-js hands an unset message field over as null.
  const status = seen.status ?? undefined;
  return {
    peerId: parsePeerId(seen.peer_id ?? ''),
    bytesReceived: nonNegative(seen.bytes_received, 'bytes_received'),
    lastMessageAtMs: lastMessageAtMs === 0 ? undefined : lastMessageAtMs,
    status: status && {
      height: status.height ?? 0,
      blockHash: status.block_hash ?? '',
      dataHubUrl: status.data_hub_url ?? '',
      clientName: status.client_name ?? '',
      storage: status.storage ?? '',
    },
    connection:
      seen.connection === Connection.CONNECTED
        ? 'connected'
        : seen.connection === Connection.DISCONNECTED
          ? 'disconnected'
          : undefined,
  };
}

/** The interaction a Record request reports, checked. */
export function interactionOf(request: peer_registry.RecordRequest): Interaction {
  const responseTimeMs = nonNegative(request.response_time_ms, 'response_time_ms');
  switch (request.interaction) {
    case Kind.CATCHUP_SUCCESS:
      return { kind: 'catchup-success', responseTimeMs };
    case Kind.CATCHUP_FAILURE:
      return { kind: 'catchup-failure' };
    case Kind.CATCHUP_MALICIOUS:
      return { kind: 'catchup-malicious' };
    case Kind.SYNC_ATTEMPT:
      return { kind: 'sync-attempt' };
    case Kind.BLOCK_RECEIVED:
      return { kind: 'block-received', responseTimeMs };
    case Kind.SUBTREE_RECEIVED:
      return { kind: 'subtree-received', responseTimeMs };
    case Kind.TRANSACTION_RECEIVED:
      return { kind: 'transaction-received' };
    case Kind.BYTES_DOWNLOADED:
      return { kind: 'bytes-downloaded', bytes: nonNegative(request.bytes, 'bytes') };
    case Kind.CATCHUP_ERROR:
      return { kind: 'catchup-error', error: request.error ?? '' };
    default:
      throw invalidArgument(`interaction ${quoteInput(String(request.interaction))} is not known`);
  }
}
