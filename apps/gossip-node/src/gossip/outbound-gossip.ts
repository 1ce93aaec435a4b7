import {
  blockMessageCodec,
  handshakeMessageCodec,
  miningOnMessageCodec,
  nodeStatusMessageCodec,
  rejectedTxMessageCodec,
  sealPayload,
  subtreeMessageCodec,
  type BlockMessage,
  type HandshakeMessage,
  type MiningOnMessage,
  type NodeStatusMessage,
  type RejectedTxMessage,
  type SubtreeMessage,
} from '@teranode-p2p/gossip';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import type { GossipMetrics } from './gossip-metrics.js';

export type OutboundGossip =
  | { kind: 'block'; message: BlockMessage }
  | { kind: 'subtree'; message: SubtreeMessage }
  | { kind: 'miningOn'; message: MiningOnMessage }
  | { kind: 'rejectedTx'; message: RejectedTxMessage }
  | { kind: 'nodeStatus'; message: NodeStatusMessage }
  | { kind: 'handshake'; message: HandshakeMessage };

function encode(gossip: OutboundGossip): Uint8Array {
  switch (gossip.kind) {
    case 'block':
      return blockMessageCodec.encode(gossip.message);
    case 'subtree':
      return subtreeMessageCodec.encode(gossip.message);
    case 'miningOn':
      return miningOnMessageCodec.encode(gossip.message);
    case 'rejectedTx':
      return rejectedTxMessageCodec.encode(gossip.message);
    case 'nodeStatus':
      return nodeStatusMessageCodec.encode(gossip.message);
    case 'handshake':
      return handshakeMessageCodec.encode(gossip.message);
  }
}

export class PublishTooLargeError extends Error {}

/**
 * Publishes this node's own messages: Teranode JSON, optional envelope, size-checked. A silent
 * node (listen_mode silent) publishes nothing: each message is checked, then resolves as sent to
 * no peer.
 */
export class GossipPublisher {
  constructor(
    private readonly host: Libp2pHost,
    private readonly options: {
      envelope: boolean;
      name: string;
      maxBytes: number;
      silent?: boolean;
    },
    private readonly topicOf: (kind: OutboundGossip['kind']) => string,
    private readonly metrics: GossipMetrics,
  ) {}

  /** Resolves with the topic and the number of peers it was sent to (0 is allowed). */
  async publish(gossip: OutboundGossip): Promise<{ topic: string; recipients: number }> {
    const bytes = sealPayload(encode(gossip), this.options);
    if (bytes.length > this.options.maxBytes)
      throw new PublishTooLargeError(
        `${gossip.kind} message of ${bytes.length} bytes exceeds p2p_max_message_size ${this.options.maxBytes}`,
      );
    const topic = this.topicOf(gossip.kind);
    if (this.options.silent === true) return { topic, recipients: 0 };
    const result = await this.host.services.pubsub.publish(topic, bytes);
    this.metrics.published.inc({ kind: gossip.kind });
    return { topic, recipients: result.recipients.length };
  }
}
