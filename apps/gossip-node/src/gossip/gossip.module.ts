import { Module } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { PeerRegistry } from '@teranode-p2p/gossip';
import { SETTINGS } from '@teranode-p2p/service-runtime';
import { BansModule } from '../bans/bans.module.js';
import { P2pEventsModule } from '../bus/p2p-events.module.js';
import { HostModule, LIBP2P_HOST, type Libp2pHost } from '../host/host.module.js';
import { GossipMetrics } from './gossip-metrics.js';
import { topicOf } from './gossip-topics.js';
import { InboundGossip } from './inbound-gossip.js';
import { LowReputationSenders } from './low-reputation-senders.js';
import { GossipPublisher } from './outbound-gossip.js';

/** Most peers the registry remembers; the least recently heard are dropped beyond this. */
export const PEER_REGISTRY_MAX = 10_000;

/** Gossip in (the joined topics) and out (the node's own messages), and the peer registry. */
@Module({
  imports: [HostModule, BansModule, P2pEventsModule],
  providers: [
    { provide: PeerRegistry, useFactory: () => new PeerRegistry(PEER_REGISTRY_MAX) },
    GossipMetrics,
    LowReputationSenders,
    InboundGossip,
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
  exports: [PeerRegistry, InboundGossip, GossipPublisher, LowReputationSenders],
})
export class GossipModule {}
