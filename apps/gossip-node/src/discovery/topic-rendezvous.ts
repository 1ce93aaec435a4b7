import type { PeerId } from '@libp2p/interface';
import { Injectable, Logger } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { topicRendezvousCidBytes } from '@teranode-p2p/gossip';
import { CID } from 'multiformats/cid';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { joinedTopicKinds } from '../gossip/gossip-topics.js';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';

/** Go's discovery looks for topic peers 1 s after start, then every 30 s (reference-wire.md §3.1). */
export const RENDEZVOUS_FIRST_MS = 1000;
export const RENDEZVOUS_INTERVAL_MS = 30_000;
const MAX_PROVIDERS_PER_TOPIC = 20;

/**
 * Topic discovery on the DHT: provide each joined topic's rendezvous CID and dial providers
 * found for it while the node has fewer than `minPeers` connections. A client-mode DHT provides
 * too, as Teranode's message bus does: the records go to server peers; it only answers no queries.
 * From the host's start until before it stops.
 */
@Injectable()
export class TopicRendezvous {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly abort = new AbortController();
  private readonly topics: readonly string[];
  private readonly minPeers: number;
  private readonly log = new Logger('GossipNode');

  constructor(
    @InjectSettings() settings: Settings,
    @InjectHost() private readonly host: Libp2pHost,
  ) {
    this.topics = [...joinedTopicKinds(settings).keys()];
    this.minPeers = settings.p2p_min_peers;
  }

  /** Without a DHT (p2p_dht_mode off, or silent) it does nothing: bootstrap and static peers remain. */
  onApplicationBootstrap(): void {
    if (this.host.services.dht === undefined) return;
    this.timer = setTimeout(() => void this.round(), RENDEZVOUS_FIRST_MS);
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.abort.abort();
  }

  private async round(): Promise<void> {
    if (this.running || this.abort.signal.aborted) return;
    this.running = true;
    try {
      for (const topic of this.topics) await this.visit(CID.decode(topicRendezvousCidBytes(topic)));
    } finally {
      this.running = false;
      if (!this.abort.signal.aborted)
        this.timer = setTimeout(() => void this.round(), RENDEZVOUS_INTERVAL_MS);
    }
  }

  private async visit(cid: CID): Promise<void> {
    const dht = this.host.services.dht;
    if (dht === undefined) return;
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(10_000)]);
    try {
      await dht.provide(cid, { signal });
    } catch (error) {
      this.log.debug(`providing ${cid.toString()} failed: ${(error as Error).message}`);
    }
    const self = this.host.peerId;
    let seen = 0;
    try {
      for await (const event of dht.findProviders(cid, { signal })) {
        if (event.name !== 'PROVIDER') continue;
        for (const provider of event.providers) {
          if (++seen > MAX_PROVIDERS_PER_TOPIC) return;
          if (provider.id.equals(self) || this.connected(provider.id)) continue;
          if (this.host.getPeers().length >= this.minPeers) return;
          await this.host
            .dial(provider.multiaddrs.length > 0 ? provider.multiaddrs : provider.id, { signal })
            .catch((error: Error) =>
              this.log.debug(
                `dialling provider ${provider.id.toString()} failed: ${error.message}`,
              ),
            );
        }
      }
    } catch (error) {
      this.log.debug(`finding providers of ${cid.toString()} failed: ${(error as Error).message}`);
    }
  }

  private connected(peer: PeerId): boolean {
    return this.host.getConnections(peer).length > 0;
  }
}
