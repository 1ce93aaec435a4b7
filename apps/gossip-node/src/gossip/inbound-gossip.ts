import { TopicValidatorResult, type GossipsubMessage, type Message } from '@libp2p/gossipsub';
import type { PeerId } from '@libp2p/interface';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import {
  PeerRegistry,
  validateGossip,
  type AcceptedGossip,
  type GossipValidationOptions,
  type RejectReason,
} from '@teranode-p2p/gossip';
import { collectedGauge, InjectMetrics, InjectSettings } from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { BanGate } from '../bans/ban-gate.js';
import { AuthorIds } from './author-ids.js';
import { ScoreReporter } from '../bans/score-reporter.js';
import { P2pEventPublisher } from '../bus/p2p-event-publisher.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { GossipMetrics } from './gossip-metrics.js';
import { joinedTopicKinds, type GossipTopicMap } from './gossip-topics.js';
import { watchGossipsubRejections, type GossipsubRejectReason } from './gossipsub-rejections.js';
import { LowReputationSenders } from './low-reputation-senders.js';
import { registryUpdateFor } from './registry-update.js';
import { toP2pEventRecord } from './to-p2p-event.js';

/** Authors whose peer ID text is remembered (a network has far fewer). */
const AUTHOR_IDS_MAX = 4096;

export interface AcceptedMessage {
  readonly gossip: AcceptedGossip;
  readonly topic: string;
  readonly author: string;
  /** gossipsub's ID of the message (author and sequence number, as Go computes it). */
  readonly messageId: string;
  readonly receivedAtMs: number;
  /** Size of the gossip message's data. */
  readonly bytes: number;
  /** From a peer below reputation 20: for the WebSocket feed only (not a block). */
  readonly skipProcessing: boolean;
}

/**
 * The receive side of every joined topic, from the host's start until before it stops. The
 * gossipsub validator decodes and checks each message once (garbage, a payload naming another
 * peer than its signed author, an internal DataHub URL → REJECT, so gossipsub neither delivers
 * nor forwards it, and the author is scored protocol_violation); the delivered message is then
 * handled by its author's peer ID: registry updated, P2PEvent queued for the bus, listeners told.
 * A low-reputation author's subtree, rejected tx or node_status updates no registry and its
 * P2PEvent says skip_processing: the WebSocket feed shows it, nothing else acts on it.
 */
@Injectable()
export class InboundGossip {
  private readonly accepted = new WeakMap<Message, AcceptedGossip>();
  private readonly authorIds = new AuthorIds(AUTHOR_IDS_MAX);
  private readonly self: string;
  private readonly topics: GossipTopicMap;
  private readonly options: GossipValidationOptions;
  private unwatchRejections: (() => void) | undefined;
  private readonly listeners = new Set<(message: AcceptedMessage) => void>();
  private readonly log = new Logger('GossipNode');

  constructor(
    @InjectSettings() settings: Settings,
    @InjectHost() private readonly host: Libp2pHost,
    @Inject(PeerRegistry) private readonly peers: PeerRegistry,
    @Inject(GossipMetrics) private readonly metrics: GossipMetrics,
    @Inject(BanGate) private readonly gate: BanGate,
    @Inject(ScoreReporter) private readonly scores: ScoreReporter,
    @Inject(P2pEventPublisher) private readonly events: P2pEventPublisher,
    @Inject(LowReputationSenders) private readonly lowReputation: LowReputationSenders,
    @InjectMetrics() registry: Registry,
  ) {
    collectedGauge(registry, () => this.authorIds.size, {
      name: 'gossip_node_author_id_cache_size',
      help: `Gossip authors whose peer ID text is remembered (bound ${AUTHOR_IDS_MAX})`,
    });
    this.self = host.peerId.toString();
    this.topics = joinedTopicKinds(settings);
    this.options = {
      envelope: settings.p2p_message_envelope,
      maxBytes: settings.p2p_max_message_size,
      blacklistedBaseUrls: settings.subtreevalidation_blacklisted_baseurls,
      allowPrivateIps: settings.p2p_allow_private_ips,
    };
  }

  onApplicationBootstrap(): void {
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
        this.onProtocolViolation(peerId, reason, detail),
    });
  }

  beforeApplicationShutdown(): void {
    const pubsub = this.host.services.pubsub;
    this.unwatchRejections?.();
    pubsub.removeEventListener('gossipsub:message', this.onMessage);
    for (const topic of this.topics.keys()) pubsub.topicValidators.delete(topic);
  }

  /** Calls `listener` with every accepted message (queued for the bus by then) until unsubscribed. */
  onAccepted(listener: (message: AcceptedMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private validate(source: PeerId, message: Message): TopicValidatorResult {
    const kind = this.topics.get(message.topic);
    if (kind === undefined || message.type !== 'signed') return TopicValidatorResult.Reject;
    const author = this.authorIds.of(message.from);
    if (author === this.self) return TopicValidatorResult.Ignore;
    if (this.gate.isPeerBanned(author) || this.gate.isPeerBanned(source.toString())) {
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
    this.onProtocolViolation(author, verdict.reason, verdict.detail);
    return TopicValidatorResult.Reject;
  }

  private readonly onMessage = (event: CustomEvent<GossipsubMessage>): void => {
    try {
      this.handleDelivered(event.detail);
    } catch (error) {
      // What a listener of gossipsub's events throws is an uncaught exception, which ends the
      // process: no message may do that, whatever defect it meets.
      const { msg, msgId } = event.detail;
      const kind = this.topics.get(msg.topic) ?? 'unknown';
      this.metrics.messages.inc({ kind, outcome: 'error', reason: 'internal' });
      this.log.error(
        `handling ${kind} message ${msgId} failed (the message is lost to the bus and listeners): ${(error as Error).stack ?? String(error)}`,
      );
    }
  };

  private handleDelivered({ msg, msgId }: GossipsubMessage): void {
    const gossip = this.accepted.get(msg);
    if (gossip === undefined || msg.type !== 'signed') return;
    this.accepted.delete(msg);
    const author = this.authorIds.of(msg.from);
    const receivedAtMs = Date.now();
    this.metrics.messages.inc({ kind: gossip.kind, outcome: 'accept', reason: '' });
    const skipProcessing = this.lowReputation.skip(gossip.kind, author);
    this.peers.update(author, registryUpdateFor(gossip, receivedAtMs, skipProcessing));
    const accepted = {
      gossip,
      topic: msg.topic,
      author,
      messageId: msgId,
      receivedAtMs,
      bytes: msg.data.byteLength,
      skipProcessing,
    };
    const record = toP2pEventRecord(gossip, {
      senderPeerId: author,
      receiverPeerId: this.self,
      topic: msg.topic,
      receivedAtMs,
      skipProcessing,
    });
    if (record) this.events.enqueue(record, receivedAtMs, { peerId: author, messageId: msgId });
    for (const listener of this.listeners) listener(accepted);
  }

  private onProtocolViolation(
    peerId: string,
    reason: RejectReason | GossipsubRejectReason,
    detail: string,
  ): void {
    this.log.debug(`protocol violation by ${peerId} (${reason}): ${detail}`);
    this.scores.report(peerId, 'protocol_violation');
  }
}
