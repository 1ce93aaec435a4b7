import {
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { PeerRegistry } from '@teranode-p2p/gossip';
import { METRICS_REGISTRY, SETTINGS } from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { BansModule } from '../bans/bans.module.js';
import { BanGate } from '../bans/ban-gate.js';
import { ScoreReporter } from '../bans/score-reporter.js';
import { P2pEventPublisher } from '../bus/p2p-event-publisher.js';
import { P2pEventsModule } from '../bus/p2p-events.module.js';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import { HostModule, LIBP2P_HOST } from '../host/host.module.js';
import { GossipMetrics } from './gossip-metrics.js';
import { joinedTopicKinds, topicOf } from './gossip-topics.js';
import { InboundGossip } from './inbound-gossip.js';
import { GossipPublisher } from './outbound-gossip.js';
import { toP2pEventRecord } from './to-p2p-event.js';

/** Most peers the registry remembers; the least recently heard are dropped beyond this. */
export const PEER_REGISTRY_MAX = 10_000;

const log = new Logger('GossipNode');

function inboundGossip(
  settings: Settings,
  host: Libp2pHost,
  peers: PeerRegistry,
  metrics: GossipMetrics,
  gate: BanGate,
  scores: ScoreReporter,
  events: P2pEventPublisher,
): InboundGossip {
  const self = host.peerId.toString();
  return new InboundGossip(
    host,
    joinedTopicKinds(settings),
    {
      envelope: settings.p2p_message_envelope,
      maxBytes: settings.p2p_max_message_size,
      blacklistedBaseUrls: settings.subtreevalidation_blacklisted_baseurls,
      allowPrivateIps: settings.p2p_allow_private_ips,
    },
    peers,
    metrics,
    {
      isBanned: (peerId) => gate.isPeerBanned(peerId),
      onProtocolViolation: (peerId, reason, detail) => {
        log.debug(`protocol violation by ${peerId} (${reason}): ${detail}`);
        scores.report(peerId, 'protocol_violation');
      },
      // Every accepted message goes on the bus first; the other parts subscribe (onAccepted).
      onAccepted: (message) => {
        const record = toP2pEventRecord(message.gossip, {
          senderPeerId: message.author,
          receiverPeerId: self,
          topic: message.topic,
          receivedAtMs: message.receivedAtMs,
        });
        if (record)
          events.enqueue(record, message.receivedAtMs, {
            peerId: message.author,
            messageId: message.messageId,
          });
      },
    },
  );
}

/**
 * Gossip in and out: the joined topics' validators and subscriptions (from the host's start
 * until before it stops), the publisher of the node's own messages, the peer registry.
 */
@Module({
  imports: [HostModule, BansModule, P2pEventsModule],
  providers: [
    { provide: PeerRegistry, useFactory: () => new PeerRegistry(PEER_REGISTRY_MAX) },
    {
      provide: GossipMetrics,
      inject: [METRICS_REGISTRY, PeerRegistry],
      useFactory: (registry: Registry, peers: PeerRegistry) => new GossipMetrics(registry, peers),
    },
    {
      provide: InboundGossip,
      inject: [
        SETTINGS,
        LIBP2P_HOST,
        PeerRegistry,
        GossipMetrics,
        BanGate,
        ScoreReporter,
        P2pEventPublisher,
      ],
      useFactory: inboundGossip,
    },
    {
      provide: GossipPublisher,
      inject: [SETTINGS, LIBP2P_HOST, GossipMetrics],
      useFactory: (settings: Settings, host: Libp2pHost, metrics: GossipMetrics) =>
        new GossipPublisher(
          host,
          {
            envelope: settings.p2p_message_envelope,
            name: settings.clientName,
            maxBytes: settings.p2p_max_message_size,
            silent: settings.listen_mode === 'silent',
          },
          (kind) => topicOf(settings, kind),
          metrics,
        ),
    },
  ],
  exports: [PeerRegistry, InboundGossip, GossipPublisher],
})
export class GossipModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly inbound: InboundGossip) {}

  onApplicationBootstrap(): void {
    this.inbound.start();
  }

  beforeApplicationShutdown(): void {
    this.inbound.stop();
  }
}
