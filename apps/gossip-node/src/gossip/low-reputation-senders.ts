import { Injectable } from '@nestjs/common';
import type { AcceptedGossip } from '@teranode-p2p/gossip';
import { isLowReputationSender, type PeerRecord } from '@teranode-p2p/peer-registry';
import { collectedGauge, InjectMetrics } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';

/** Most low-reputation peer IDs held (the shared registry holds 10,000 peers by default). */
export const LOW_REPUTATION_MAX_PEERS = 10_000;

/** What a low-reputation sender's gossip is not processed for: block gossip is never filtered. */
const SKIPPED_KINDS: ReadonlySet<AcceptedGossip['kind']> = new Set([
  'subtree',
  'rejectedTx',
  'nodeStatus',
]);

/**
 * Teranode's shouldSkipUnhealthyPeer (reference-peer-registry.md §3.3): a subtree, rejected tx or
 * node_status from a registered peer with reputation below 20 is shown on the WebSocket feed and
 * otherwise not processed. A sender the registry does not list is not skipped.
 */
export function skipsProcessing(kind: AcceptedGossip['kind'], lowReputation: boolean): boolean {
  return lowReputation && SKIPPED_KINDS.has(kind);
}

/**
 * The peers the shared registry lists below reputation 20, as of the sync coordinator's last
 * read of it (every few seconds): gossip is checked against this set, never against a gRPC call
 * per message. Bounded; a registry that cannot be read leaves the last set in place.
 */
@Injectable()
export class LowReputationSenders {
  private ids: ReadonlySet<string> = new Set();
  private readonly skips: Counter<'kind'>;

  constructor(@InjectMetrics() metrics: Registry) {
    collectedGauge(metrics, () => this.ids.size, {
      name: 'gossip_node_low_reputation_peers',
      help: `Registered peers below reputation 20 whose gossip is not processed (bound ${LOW_REPUTATION_MAX_PEERS})`,
    });
    this.skips = new Counter({
      name: 'gossip_node_low_reputation_skips_total',
      help: 'Gossip messages from a peer below reputation 20 shown on the WebSocket feed only, by kind',
      labelNames: ['kind'],
      registers: [metrics],
    });
  }

  /** Replaces the set with the registry's current low-reputation peers (at most the bound). */
  refresh(peers: readonly PeerRecord[]): void {
    const ids = new Set<string>();
    for (const peer of peers) {
      if (ids.size >= LOW_REPUTATION_MAX_PEERS) break;
      if (isLowReputationSender(peer)) ids.add(peer.id);
    }
    this.ids = ids;
  }

  /** Whether this message from `peerId` is for the feed only; counts the ones that are. */
  skip(kind: AcceptedGossip['kind'], peerId: string): boolean {
    const skipped = skipsProcessing(kind, this.ids.has(peerId));
    if (skipped) this.skips.inc({ kind });
    return skipped;
  }
}
