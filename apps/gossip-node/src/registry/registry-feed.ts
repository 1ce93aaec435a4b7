import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { PeerId } from '@libp2p/interface';
import type { Settings } from '@teranode-p2p/config';
import type { peer_registry } from '@teranode-p2p/contracts';
import { GrpcCallError, InjectMetrics, InjectSettings } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import type { AcceptedMessage } from '../gossip/inbound-gossip.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import { InboundGossip } from '../gossip/inbound-gossip.js';
import { GossipObservations } from './gossip-observations.js';
import { RegistryClient } from './registry-client.js';

/** How often what gossip saw goes to the registry: one transaction per second, not per message. */
export const REGISTRY_FLUSH_INTERVAL_MS = 1000;
/** Peers with unsent sightings at most (a registry holds 10,000 by default). */
export const REGISTRY_PENDING_MAX_PEERS = 20_000;
/**
 * One ApplyGossip request carries at most this many peers and about this much text, well
 * inside what ban-service takes (10,000 observations, 4 MiB): the backlog of an outage, or
 * node_status messages of 64 KiB from many authors, goes in several requests, not one refused.
 */
export const REGISTRY_BATCH_MAX_PEERS = 1_000;
export const REGISTRY_BATCH_MAX_BYTES = 1024 * 1024;

type FeedSettings = Pick<Settings, 'p2p_peer_registry_connection_lease'>;

/**
 * Feeds the shared peer registry from this node's gossip (reference-peer-registry.md §5.5):
 * every accepted message registers its author, marks it connected, advances its last message
 * time and received bytes, and a node_status carries its height, best block, DataHub URL and
 * client name (not a low-reputation sender's node_status: Teranode skips it). Sightings are
 * coalesced and sent once a second.
 *
 * Connected means for `p2p_peer_registry_connection_lease` (this node's lease, kept apart from
 * other nodes' leases on the same peer): a sighting
 * renews it, and so does this node every third of the lease for the peers it holds a
 * connection to (quiet ones too) and at once for a new connection; a libp2p disconnection ends
 * it (Teranode only does that on a ban). So when this node stops reporting, because it crashed
 * or cannot reach ban-service, its peers stop counting as connected within the lease, and an
 * author nobody hears any more, relayed or forged, does not stay exempt from eviction for ever.
 */
@Injectable()
export class RegistryFeed implements OnModuleInit, OnModuleDestroy {
  readonly observations: GossipObservations;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly leaseMs: number;
  private flushing: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  private failedSince: number | undefined;
  private readonly flushes: Counter<'outcome'>;
  private readonly log = new Logger('PeerRegistry');

  constructor(
    @InjectHost() private readonly host: Libp2pHost,
    @Inject(InboundGossip) private readonly inbound: InboundGossip,
    @Inject(RegistryClient) private readonly registry: RegistryClient,
    @InjectMetrics() metrics: Registry,
    @InjectSettings() settings: FeedSettings,
  ) {
    this.leaseMs = settings.p2p_peer_registry_connection_lease;
    this.observations = new GossipObservations(REGISTRY_PENDING_MAX_PEERS, metrics);
    this.flushes = new Counter({
      name: 'gossip_node_registry_flushes_total',
      help: 'Batches of gossip sightings sent to the peer registry, by outcome (applied; failed and kept for the next try; refused and dropped)',
      labelNames: ['outcome'],
      registers: [metrics],
    });
  }

  onModuleInit(): void {
    this.unsubscribe = this.inbound.onAccepted((message) => this.seen(message));
    this.host.addEventListener('peer:connect', this.onConnect);
    this.host.addEventListener('peer:disconnect', this.onDisconnect);
    this.every(REGISTRY_FLUSH_INTERVAL_MS, () => void this.flush());
    this.every(this.leaseMs / 3, () => this.renewConnections());
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.unsubscribe?.();
    this.host.removeEventListener('peer:connect', this.onConnect);
    this.host.removeEventListener('peer:disconnect', this.onDisconnect);
    // libp2p closes these connections after this module is gone: say so now, or the shared
    // registry keeps them connected (and out of its cleanup) after this node has stopped. A
    // peer another replica still hears is marked connected again by its next message.
    for (const peer of this.host.getPeers()) this.observations.connection(peer.toString(), false);
    await this.flushing;
    await this.flush();
    this.registry.close();
  }

  /** Confirms the connections this node holds, so their leases in the registry do not run out. */
  renewConnections(): void {
    for (const peer of this.host.getPeers()) this.observations.connection(peer.toString(), true);
  }

  private every(ms: number, work: () => void): void {
    const timer = setInterval(work, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Sends what is pending now (also what a failed flush put back), in batches ban-service takes. */
  flush(): Promise<void> {
    if (this.flushing || this.observations.size === 0) return this.flushing ?? Promise.resolve();
    this.flushing = this.sendPending().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async sendPending(): Promise<void> {
    // Sightings arriving meanwhile wait for the next flush.
    let remaining = this.observations.size;
    while (remaining > 0) {
      const batch = this.observations.take(REGISTRY_BATCH_MAX_PEERS, REGISTRY_BATCH_MAX_BYTES);
      remaining -= batch.observations.length;
      if (!(await this.send(batch))) return;
    }
  }

  /** False when the registry could not take the batch now (it is kept for the next flush). */
  private async send(batch: peer_registry.GossipBatch): Promise<boolean> {
    try {
      await this.registry.applyGossip({
        ...batch,
        connected_for_ms: this.leaseMs,
        reporter: this.host.peerId.toString(),
      });
      this.flushes.inc({ outcome: 'applied' });
      if (this.failedSince !== undefined)
        this.log.log(`peer registry reachable again at ${this.registry.address}`);
      this.failedSince = undefined;
      return true;
    } catch (error) {
      if (error instanceof GrpcCallError && !error.transient) {
        // Sending the same batch again would be refused again and hold every later sighting.
        this.flushes.inc({ outcome: 'refused' });
        this.log.error(
          `peer registry refused ${batch.observations.length} peers' sightings, dropped: ${error.message}`,
        );
        return true;
      }
      this.flushes.inc({ outcome: 'failed' });
      this.observations.restore(batch);
      if (this.failedSince === undefined) {
        this.failedSince = Date.now();
        this.log.warn(
          `peer registry update failed, kept for the next try: ${(error as Error).message}`,
        );
      }
      return false;
    }
  }

  private seen(message: AcceptedMessage): void {
    const status =
      message.gossip.kind === 'nodeStatus' && !message.skipProcessing
        ? {
            height: message.gossip.message.bestHeight,
            block_hash: message.gossip.message.bestBlockHash,
            data_hub_url: message.gossip.message.baseUrl,
            client_name: message.gossip.message.clientName,
            storage: message.gossip.message.storage,
          }
        : undefined;
    this.observations.seen({
      peerId: message.author,
      bytes: message.bytes,
      atMs: message.receivedAtMs,
      status,
    });
  }

  private readonly onConnect = (event: CustomEvent<PeerId>): void => {
    this.observations.connection(event.detail.toString(), true);
  };

  private readonly onDisconnect = (event: CustomEvent<PeerId>): void => {
    this.observations.connection(event.detail.toString(), false);
  };
}
