import { normaliseHash } from '@teranode-p2p/chain';
import { isBlacklistedBaseUrl } from './blacklist.js';
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

export type RejectReason = DecodeFailure | 'bad_hash';
export type IgnoreReason = 'blacklisted_url';

export type GossipVerdict =
  | { verdict: 'accept'; gossip: AcceptedGossip; envelopeName: string | undefined }
  | { verdict: 'reject'; reason: RejectReason; detail: string }
  | { verdict: 'ignore'; reason: IgnoreReason; detail: string };

export interface GossipValidationOptions {
  readonly envelope: boolean;
  readonly maxBytes: number;
  readonly blacklistedBaseUrls: readonly string[];
}

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

/**
 * Decides what happens to one received gossip payload: envelope, size, Go JSON decoding, then
 * the hash must parse as a chain hash (Teranode drops the message otherwise; we also reject it
 * so gossipsub stops forwarding it). Blacklisted subtree URLs are ignored, not penalised.
 */
export function validateGossip(
  kind: GossipKind,
  bytes: Uint8Array,
  options: GossipValidationOptions,
): GossipVerdict {
  const opened = openPayload(bytes, options);
  if (!opened.ok)
    return { verdict: 'reject', reason: opened.error.reason, detail: opened.error.message };
  const decoded = CODECS[kind].decode(opened.value.payload, options.maxBytes);
  if (!decoded.ok)
    return { verdict: 'reject', reason: decoded.error.reason, detail: decoded.error.message };
  const message = decoded.value;
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
