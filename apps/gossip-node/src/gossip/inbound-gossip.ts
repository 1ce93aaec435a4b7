import { TopicValidatorResult, type GossipsubMessage, type Message } from '@libp2p/gossipsub';
import type { PeerId } from '@libp2p/interface';
import {
  validateGossip,
  type AcceptedGossip,
  type GossipValidationOptions,
  type PeerRegistry,
  type RejectReason,
} from '@teranode-p2p/gossip';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import type { GossipMetrics } from './gossip-metrics.js';
import type { GossipTopicMap } from './gossip-topics.js';
import { watchGossipsubRejections, type GossipsubRejectReason } from './gossipsub-rejections.js';
import { registryUpdateFor } from './registry-update.js';

export interface AcceptedMessage {
  readonly gossip: AcceptedGossip;
  readonly topic: string;
  readonly author: string;
  /** gossipsub's ID of the message (author and sequence number, as Go computes it). */
  readonly messageId: string;
  readonly receivedAtMs: number;
  /** Size of the gossip message's data. */
  readonly bytes: number;
}

export interface InboundGossipHooks {
  /** Peers whose messages are dropped (banned). */
  isBanned(peerId: string): boolean;
  /** A peer sent a payload that breaks the protocol. */
  onProtocolViolation(
    peerId: string,
    reason: RejectReason | GossipsubRejectReason,
    detail: string,
  ): void;
  /** An accepted message, after the registry was updated (before the subscribed listeners). */
  onAccepted(message: AcceptedMessage): void;
}

/**
 * The receive side of every joined topic. The gossipsub validator decodes and checks each
 * message once (garbage, a payload naming another peer than its signed author, an internal
 * DataHub URL → REJECT, so gossipsub neither delivers nor forwards it, and the author is scored
 * protocol_violation); the delivered message is then handled by its author's peer ID.
 */
export class InboundGossip {
  private readonly accepted = new WeakMap<Message, AcceptedGossip>();
  private readonly self: string;
  private unwatchRejections: (() => void) | undefined;
  private readonly listeners = new Set<(message: AcceptedMessage) => void>();

  constructor(
    private readonly host: Libp2pHost,
    private readonly topics: GossipTopicMap,
    private readonly options: GossipValidationOptions,
    private readonly peers: PeerRegistry,
    private readonly metrics: GossipMetrics,
    private readonly hooks: InboundGossipHooks,
  ) {
    this.self = host.peerId.toString();
  }

  start(): void {
    const pubsub = this.host.services.pubsub;
    for (const topic of this.topics.keys()) {
      pubsub.topicValidators.set(topic, (source, message) => this.validate(source, message));
      pubsub.subscribe(topic);
    }
    pubsub.addEventListener('gossipsub:message', this.onMessage);
    this.unwatchRejections = watchGossipsubRejections(pubsub, {
      kindOf: (topic) => this.topics.get(topic),
      metrics: this.metrics,
      onProtocolViolation: (peerId, reason, detail) =>
        this.hooks.onProtocolViolation(peerId, reason, detail),
    });
  }

  stop(): void {
    const pubsub = this.host.services.pubsub;
    this.unwatchRejections?.();
    pubsub.removeEventListener('gossipsub:message', this.onMessage);
    for (const topic of this.topics.keys()) pubsub.topicValidators.delete(topic);
  }

  /** Calls `listener` with every accepted message until the returned function is called. */
  onAccepted(listener: (message: AcceptedMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private validate(source: PeerId, message: Message): TopicValidatorResult {
    const kind = this.topics.get(message.topic);
    if (kind === undefined || message.type !== 'signed') return TopicValidatorResult.Reject;
    const author = message.from.toString();
    if (author === this.self) return TopicValidatorResult.Ignore;
    if (this.hooks.isBanned(author) || this.hooks.isBanned(source.toString())) {
      this.metrics.messages.inc({ kind, outcome: 'ignore', reason: 'banned' });
      return TopicValidatorResult.Ignore;
    }
    const verdict = validateGossip(kind, message.data, this.options, author);
    if (verdict.verdict === 'accept') {
      this.accepted.set(message, verdict.gossip);
      return TopicValidatorResult.Accept;
    }
    this.metrics.messages.inc({ kind, outcome: verdict.verdict, reason: verdict.reason });
    if (verdict.verdict === 'ignore') return TopicValidatorResult.Ignore;
    this.hooks.onProtocolViolation(author, verdict.reason, verdict.detail);
    return TopicValidatorResult.Reject;
  }

  private readonly onMessage = (event: CustomEvent<GossipsubMessage>): void => {
    const { msg, msgId } = event.detail;
    const gossip = this.accepted.get(msg);
    if (gossip === undefined || msg.type !== 'signed') return;
    this.accepted.delete(msg);
    const author = msg.from.toString();
    const receivedAtMs = Date.now();
    this.metrics.messages.inc({ kind: gossip.kind, outcome: 'accept', reason: '' });
    this.peers.update(author, registryUpdateFor(gossip, receivedAtMs));
    const accepted = {
      gossip,
      topic: msg.topic,
      author,
      messageId: msgId,
      receivedAtMs,
      bytes: msg.data.byteLength,
    };
    this.hooks.onAccepted(accepted);
    for (const listener of this.listeners) listener(accepted);
  };
}
