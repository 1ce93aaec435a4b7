import { Inject, Injectable } from '@nestjs/common';
import { PeerRegistry } from '@teranode-p2p/gossip';
import { collectedGauge, InjectMetrics } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';

@Injectable()
export class GossipMetrics {
  readonly messages: Counter<'kind' | 'outcome' | 'reason'>;
  readonly published: Counter<'kind'>;
  readonly oversizedFrames: Counter;

  constructor(@InjectMetrics() registry: Registry, @Inject(PeerRegistry) peers: PeerRegistry) {
    this.messages = new Counter({
      name: 'gossip_node_gossip_messages_total',
      help: 'Received gossip messages by topic kind and validation outcome',
      labelNames: ['kind', 'outcome', 'reason'],
      registers: [registry],
    });
    this.published = new Counter({
      name: 'gossip_node_gossip_published_total',
      help: 'Messages this node published, by topic kind',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.oversizedFrames = new Counter({
      name: 'gossip_node_gossip_oversized_frames_total',
      help: "Inbound gossipsub frames over the read limit (2 × p2p_max_message_size); the peer's stream is dropped and the peer scored",
      registers: [registry],
    });
    collectedGauge(registry, () => peers.size, {
      name: 'gossip_node_peer_registry_size',
      help: `Peers in the peer registry (bound ${peers.maxPeers})`,
    });
    collectedGauge(registry, () => peers.evicted, {
      name: 'gossip_node_peer_registry_evicted',
      help: 'Peers dropped from the registry to respect its bound',
    });
  }
}
