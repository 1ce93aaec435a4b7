import type { PeerId } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import type { Multiaddr } from '@multiformats/multiaddr';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BoundedTtlMap } from '@teranode-p2p/bounded-collections';
import type { Settings } from '@teranode-p2p/config';
import { collectedGauge, InjectMetrics, InjectSettings } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { InboundGossip } from '../gossip/inbound-gossip.js';
import { dhtModeOf } from '../host/dht-service.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import {
  decodePeerAddressAnswer,
  MAX_PEER_ADDRESS_ANSWER_BYTES,
  PEER_ADDRESS_PROTOCOL,
  PEER_ADDRESS_TIMEOUT_MS,
} from './peer-address-exchange.js';
import { readToEnd } from '../host/stream-reads.js';

/** Teranode's message bus looks for topic peers' addresses every 15 s. */
export const TOPIC_PEER_ROUND_MS = 15_000;
/** Authors waiting to be looked up at most; more wait for their next message. */
export const TOPIC_PEERS_PENDING_MAX = 256;
/** Authors looked up per round at most, and connected peers asked per author. */
const LOOKUPS_PER_ROUND = 16;
const PEERS_ASKED_PER_LOOKUP = 8;
/** An author looked up is not looked up again for this long (Teranode: never again). */
const LOOKED_UP_TTL_MS = 10 * 60_000;
const LOOKED_UP_MAX = 4096;
const DIAL_TIMEOUT_MS = 10_000;

const encoder = new TextEncoder();

/**
 * With p2p_dht_mode off, Teranode's message bus connects to the peers whose gossip reaches it
 * through others: every 15 s it asks its connected peers for the addresses of such authors
 * (peer-address-exchange.ts) and dials them. So does this node, bounded: at most
 * LOOKUPS_PER_ROUND authors a round, none again within LOOKED_UP_TTL_MS, and none while the
 * node holds p2p_conn_high_water connections.
 */
@Injectable()
export class TopicPeerDialer {
  private readonly pending = new Set<string>();
  private readonly lookedUp = new BoundedTtlMap<string, true>({
    maxSize: LOOKED_UP_MAX,
    ttlMs: LOOKED_UP_TTL_MS,
  });
  private readonly lookups: Counter<'outcome'>;
  private readonly abort = new AbortController();
  private readonly self: string;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private unsubscribe = (): void => {};
  private readonly log = new Logger('GossipNode');

  constructor(
    @InjectSettings() private readonly settings: Settings,
    @InjectHost() private readonly host: Libp2pHost,
    @Inject(InboundGossip) private readonly inbound: InboundGossip,
    @InjectMetrics() registry: Registry,
  ) {
    this.self = host.peerId.toString();
    this.lookups = new Counter({
      name: 'gossip_node_topic_peer_lookups_total',
      help: 'Gossip authors not connected whose addresses were asked of connected peers (p2p_dht_mode off): dialled, dial_failed, or not_found',
      labelNames: ['outcome'],
      registers: [registry],
    });
    collectedGauge(registry, () => this.pending.size, {
      name: 'gossip_node_topic_peer_lookups_pending',
      help: `Gossip authors waiting to be looked up (bound ${TOPIC_PEERS_PENDING_MAX})`,
    });
    collectedGauge(registry, () => this.lookedUp.size, {
      name: 'gossip_node_topic_peer_lookups_remembered',
      help: `Gossip authors looked up in the last ${LOOKED_UP_TTL_MS / 60_000} minutes (bound ${LOOKED_UP_MAX})`,
    });
  }

  onApplicationBootstrap(): void {
    if (dhtModeOf(this.settings) !== 'off') return;
    this.unsubscribe = this.inbound.onAccepted((message) => this.saw(message.author));
    this.timer = setInterval(() => void this.round(), TOPIC_PEER_ROUND_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.abort.abort();
  }

  private saw(author: string): void {
    if (this.pending.size >= TOPIC_PEERS_PENDING_MAX || this.pending.has(author)) return;
    if (author === this.self || this.lookedUp.has(author)) return;
    if (this.host.getConnections(peerIdFromString(author)).length > 0) return;
    this.pending.add(author);
  }

  private async round(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.lookedUp.sweep();
      for (const author of [...this.pending].slice(0, LOOKUPS_PER_ROUND)) {
        this.pending.delete(author);
        if (this.abort.signal.aborted) return;
        if (this.host.getConnections().length >= this.settings.p2p_conn_high_water) return;
        const peer = peerIdFromString(author);
        if (this.host.getConnections(peer).length > 0) continue;
        this.lookedUp.set(author, true);
        await this.lookUpAndDial(peer);
      }
    } finally {
      this.running = false;
    }
  }

  private async lookUpAndDial(peer: PeerId): Promise<void> {
    const addresses = await this.lookUp(peer);
    if (addresses.length === 0) {
      this.lookups.inc({ outcome: 'not_found' });
      return;
    }
    try {
      await this.host.peerStore.merge(peer, { multiaddrs: addresses });
      await this.host.dial(peer, {
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(DIAL_TIMEOUT_MS)]),
      });
      this.lookups.inc({ outcome: 'dialled' });
      this.log.log(`connected to topic peer ${peer.toString()} at addresses a peer shared`);
    } catch (error) {
      this.lookups.inc({ outcome: 'dial_failed' });
      this.log.debug(`dialling topic peer ${peer.toString()} failed: ${(error as Error).message}`);
    }
  }

  /** The first non-empty answer of the connected peers asked, in turn. */
  private async lookUp(target: PeerId): Promise<Multiaddr[]> {
    const asked = new Set<string>();
    for (const connection of this.host.getConnections()) {
      const peer = connection.remotePeer;
      if (asked.has(peer.toString()) || peer.equals(target)) continue;
      if (asked.size >= PEERS_ASKED_PER_LOOKUP || this.abort.signal.aborted) break;
      asked.add(peer.toString());
      try {
        const addresses = await this.ask(peer, target);
        if (addresses.length > 0) return addresses;
      } catch (error) {
        this.log.debug(
          `asking ${peer.toString()} for ${target.toString()}'s addresses failed: ${(error as Error).message}`,
        );
      }
    }
    return [];
  }

  private async ask(peer: PeerId, target: PeerId): Promise<Multiaddr[]> {
    const signal = AbortSignal.any([
      this.abort.signal,
      AbortSignal.timeout(PEER_ADDRESS_TIMEOUT_MS),
    ]);
    const stream = await this.host.dialProtocol(peer, PEER_ADDRESS_PROTOCOL, { signal });
    try {
      stream.send(encoder.encode(target.toString()));
      const answer = await readToEnd(
        stream,
        MAX_PEER_ADDRESS_ANSWER_BYTES,
        PEER_ADDRESS_TIMEOUT_MS,
      );
      return decodePeerAddressAnswer(answer);
    } finally {
      await stream.close().catch((error: Error) => stream.abort(error));
    }
  }
}
