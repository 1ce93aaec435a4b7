import { createHash } from 'node:crypto';
import { gossipsub, type GossipsubOpts, type Message } from '@libp2p/gossipsub';
import type { RPC } from '@libp2p/gossipsub/message';
import { GO_PUBSUB_MAX_RPC_SIZE } from '@teranode-p2p/config';
import { goPubsubMessageId } from '@teranode-p2p/gossip';
import { pruneMeshAtDhi } from './gossipsub-mesh-pruning.js';

/** go-libp2p-pubsub's message ID (reference-wire.md §4.3); unsigned messages never pass StrictSign. */
export function goMessageId(message: Message): Uint8Array {
  if (message.type === 'signed')
    return goPubsubMessageId(message.from.toMultihash().bytes, message.sequenceNumber);
  return createHash('sha256').update(message.data).digest();
}

/**
 * goMessageId's identity (author and sequence number) read from the raw RPC message, before
 * its signature is checked. With it gossipsub drops copies of a message it has already
 * validated without checking their signatures again, as go-libp2p-pubsub looks at its seen
 * cache first; without it every copy a mesh delivers (up to D per message) is verified.
 * Messages without author or sequence number cannot pass StrictSign and are never cached.
 */
export function goFastMessageId(message: RPC.Message): string {
  if (message.from == null || message.seqno == null) return '';
  return `${Buffer.from(message.from).toString('base64')}:${Buffer.from(message.seqno).toString('base64')}`;
}

/**
 * gossipsub tuned to interoperate with go-libp2p-pubsub v0.15 defaults (reference-wire.md
 * §4.1 and §8.1 item 7).
 */
export const GO_COMPATIBLE_GOSSIPSUB: Partial<GossipsubOpts> = {
  globalSignaturePolicy: 'StrictSign',
  msgIdFn: goMessageId,
  fastMsgIdFn: goFastMessageId,
  // Go publishes with no topic peers without an error.
  allowPublishToZeroTopicPeers: true,
  // Go's 1 MiB RPC limit; gossip-node raises it with inboundFrameLimit.
  maxInboundDataLength: GO_PUBSUB_MAX_RPC_SIZE,
  // Go's Dlo is 5, js defaults to 4.
  Dlo: 5,
  // Go does not flood-publish; either interoperates, this sends fewer duplicate copies.
  floodPublish: false,
  // Go sends IDONTWANT from 1 KiB.
  idontwantMinDataSize: 1024,
  // Go runs without peer scoring: neutralise the js penalties that would hit loopback/NAT peers.
  scoreParams: { IPColocationFactorWeight: 0, behaviourPenaltyWeight: 0 },
  // Teranode's message bus (go-p2p-message-bus ≥ v0.1.6) runs with peer exchange: a PRUNE
  // names other peers of the topic with their signed records, and the pruned peer connects to
  // them. Without peer scoring Go takes PX from any peer; js only from peers scoring at least
  // acceptPXThreshold (10 by default, which no peer reaches with the scoring above).
  doPX: true,
  scoreThresholds: { acceptPXThreshold: 0 },
  fallbackToFloodsub: true,
};

/**
 * The largest inbound gossipsub frame read. Go never sends more than 1 MiB, so anything larger
 * comes from a misbehaving peer: frames up to twice p2p_max_message_size are read so that our
 * validator can reject the oversized message and score its sender (gossipsub would otherwise
 * abort the stream before anyone learns who sent it); beyond that the stream is aborted,
 * which keeps the memory a peer can make us hold bounded.
 */
export function inboundFrameLimit(maxMessageSize: number): number {
  return 2 * maxMessageSize;
}

export function goCompatibleGossipsub(overrides: Partial<GossipsubOpts> = {}) {
  const create = gossipsub({ ...GO_COMPATIBLE_GOSSIPSUB, ...overrides });
  return (components: Parameters<typeof create>[0]) => pruneMeshAtDhi(create(components));
}
