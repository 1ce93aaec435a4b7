import { normaliseHash } from '@teranode-p2p/chain';
import { quoteInput } from '@teranode-p2p/config';
import { isBlacklistedBaseUrl } from './blacklist.js';
import { checkDataHubUrl, type UrlProblem, type UrlProblemReason } from './datahub-url.js';
import { openPayload } from './envelope.js';
import type { DecodeFailure } from './json/decode-result.js';
import type { GossipCodec } from './json/gossip-codec.js';
import type { StructSpec, StructValue } from './json/go-struct.js';
import { blockMessageCodec, type BlockMessage } from './messages/block-message.js';
import { handshakeMessageCodec, type HandshakeMessage } from './messages/handshake-message.js';
import { miningOnMessageCodec, type MiningOnMessage } from './messages/mining-on-message.js';
import { nodeStatusMessageCodec, type NodeStatusMessage } from './messages/node-status-message.js';
import { rejectedTxMessageCodec, type RejectedTxMessage } from './messages/rejected-tx-message.js';
import { subtreeMessageCodec, type SubtreeMessage } from './messages/subtree-message.js';

export type GossipKind =
  'block' | 'subtree' | 'rejectedTx' | 'nodeStatus' | 'miningOn' | 'handshake';

/** An accepted payload; `hash` is the normalised announced hash (the event key), if any. */
export type AcceptedGossip =
  | { kind: 'block'; message: BlockMessage; hash: string }
  | { kind: 'subtree'; message: SubtreeMessage; hash: string }
  | { kind: 'miningOn'; message: MiningOnMessage; hash: string }
  | { kind: 'rejectedTx'; message: RejectedTxMessage; hash: string }
  | { kind: 'nodeStatus'; message: NodeStatusMessage; hash: undefined }
  | { kind: 'handshake'; message: HandshakeMessage; hash: undefined };

export type RejectReason = DecodeFailure | 'bad_hash' | 'peer_id_mismatch' | UrlProblemReason;
export type IgnoreReason = 'blacklisted_url';

export type GossipVerdict =
  | { verdict: 'accept'; gossip: AcceptedGossip; envelopeName: string | undefined }
  | { verdict: 'reject'; reason: RejectReason; detail: string }
  | { verdict: 'ignore'; reason: IgnoreReason; detail: string };

export interface GossipValidationOptions {
  readonly envelope: boolean;
  /** `p2p_max_message_size`: the cap on the whole pubsub message and on every payload. */
  readonly maxBytes: number;
  readonly blacklistedBaseUrls: readonly string[];
  /** `p2p_allow_private_ips`: DataHub and base URLs may name internal addresses (default false). */
  readonly allowPrivateIps?: boolean;
}

/**
 * Teranode's per-topic limits on a payload (the envelope's data, as its handlers get it),
 * checked before parsing: its payloads are well under 1 KiB, node_status a few KiB
 * (reference-peer-registry.md §7.2; `max*MessageSize` in Teranode's services/p2p/Server.go).
 * The legacy mining-on and handshake topics have only `p2p_max_message_size`.
 */
export const GOSSIP_SIZE_LIMITS: Readonly<Partial<Record<GossipKind, number>>> = {
  block: 32 * 1024,
  subtree: 32 * 1024,
  nodeStatus: 64 * 1024,
  rejectedTx: 16 * 1024,
};

/** The kinds whose payload names its publisher, which must be the pubsub author (§3.5). */
const AUTHORED_KINDS: ReadonlySet<GossipKind> = new Set([
  'block',
  'subtree',
  'nodeStatus',
  'rejectedTx',
]);

const CODECS: { [K in GossipKind]: GossipCodec<StructSpec> } = {
  block: blockMessageCodec,
  subtree: subtreeMessageCodec,
  rejectedTx: rejectedTxMessageCodec,
  nodeStatus: nodeStatusMessageCodec,
  miningOn: miningOnMessageCodec,
  handshake: handshakeMessageCodec,
} as unknown as { [K in GossipKind]: GossipCodec<StructSpec> };

function announcedHash(kind: GossipKind, message: StructValue<StructSpec>): string | undefined {
  if (kind === 'rejectedTx') return message['txId'] as string;
  if (kind === 'block' || kind === 'subtree' || kind === 'miningOn')
    return message['hash'] as string;
  return undefined;
}

/** The URL a kind announces for its publisher's data, checked for SSRF (§7.2). */
function urlProblem(
  kind: GossipKind,
  message: StructValue<StructSpec>,
  options: GossipValidationOptions,
): UrlProblem | undefined {
  const check = { allowPrivateIps: options.allowPrivateIps ?? false };
  if (kind === 'block' || kind === 'subtree')
    return checkDataHubUrl(message['dataHubUrl'] as string, check);
  const baseUrl = message['baseUrl'] as string;
  if (kind === 'nodeStatus' && baseUrl !== '') return checkDataHubUrl(baseUrl, check, 'base_url');
  return undefined;
}

/**
 * Decides what happens to one received gossip payload, in Teranode's order: envelope, the
 * topic's size limit (before parsing), Go JSON decoding, the payload's `PeerID` against the
 * pubsub `author` (when given: the signed author of a received message), the DataHub / base URL,
 * then the hash must parse as a chain hash (Teranode drops the message otherwise; we also
 * reject it so gossipsub stops forwarding it). Blacklisted subtree URLs are ignored, not
 * penalised.
 */
export function validateGossip(
  kind: GossipKind,
  bytes: Uint8Array,
  options: GossipValidationOptions,
  author?: string,
): GossipVerdict {
  const opened = openPayload(bytes, options);
  if (!opened.ok)
    return { verdict: 'reject', reason: opened.error.reason, detail: opened.error.message };
  const limit = Math.min(options.maxBytes, GOSSIP_SIZE_LIMITS[kind] ?? Infinity);
  const decoded = CODECS[kind].decode(opened.value.payload, limit);
  if (!decoded.ok)
    return { verdict: 'reject', reason: decoded.error.reason, detail: decoded.error.message };
  const message = decoded.value;
  if (author !== undefined && AUTHORED_KINDS.has(kind) && message['peerId'] !== author)
    return {
      verdict: 'reject',
      reason: 'peer_id_mismatch',
      detail: `${CODECS[kind].name} claims peer ${quoteInput(message['peerId'] as string)}, signed by ${author}`,
    };
  const badUrl = urlProblem(kind, message, options);
  if (badUrl) return { verdict: 'reject', ...badUrl };
  const rawHash = announcedHash(kind, message);
  let hash: string | undefined;
  if (rawHash !== undefined) {
    try {
      hash = normaliseHash(rawHash);
    } catch (error) {
      return { verdict: 'reject', reason: 'bad_hash', detail: (error as Error).message };
    }
  }
  if (
    kind === 'subtree' &&
    isBlacklistedBaseUrl(message['dataHubUrl'] as string, options.blacklistedBaseUrls)
  )
    return {
      verdict: 'ignore',
      reason: 'blacklisted_url',
      detail: `${message['dataHubUrl'] as string} is blacklisted`,
    };
  return {
    verdict: 'accept',
    gossip: { kind, message, hash } as AcceptedGossip,
    envelopeName: opened.value.name,
  };
}
