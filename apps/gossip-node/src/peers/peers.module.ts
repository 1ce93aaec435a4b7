import { Logger, Module } from '@nestjs/common';
import { multiaddr } from '@multiformats/multiaddr';
import type { Settings } from '@teranode-p2p/config';
import { PeerRegistry } from '@teranode-p2p/gossip';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule, InjectHost, type Libp2pHost } from '../host/host.module.js';
import { ConnectionTrimmer } from './connection-trimmer.js';
import { StaticPeerDialer } from './static-peer-dialer.js';

const log = new Logger('GossipNode');

/**
 * Static and bootstrap peers dialled, and connections trimmed to the water marks, from the
 * host's start until before it stops.
 */
@Module({ imports: [HostModule, GossipModule] })
export class PeersModule {
  private readonly dialer: StaticPeerDialer;
  private readonly trimmer: ConnectionTrimmer;

  constructor(
    @InjectSettings() private readonly settings: Settings,
    @InjectHost() private readonly host: Libp2pHost,
    peers: PeerRegistry,
  ) {
    this.dialer = new StaticPeerDialer(
      host,
      [
        ...settings.p2p_static_peers,
        ...(settings.p2p_bootstrap_persistent ? settings.p2p_bootstrap_addresses : []),
      ],
      (address, error, retryInMs) =>
        log.warn(
          `dialling static peer ${address} failed (${error.message}); retrying in ${retryInMs} ms`,
        ),
    );
    this.trimmer = new ConnectionTrimmer(
      host,
      settings.p2p_conn_low_water,
      settings.p2p_conn_high_water,
      peers,
      () => this.dialer.peerIds(),
    );
  }

  onApplicationBootstrap(): void {
    this.dialer.start();
    this.trimmer.start();
    // Bootstrap peers that are not kept connected are dialled once.
    if (this.settings.p2p_bootstrap_persistent) return;
    for (const address of this.settings.p2p_bootstrap_addresses) {
      this.host
        .dial(multiaddr(address))
        .catch((error: Error) =>
          log.warn(`dialling bootstrap peer ${address} failed: ${error.message}`),
        );
    }
  }

  beforeApplicationShutdown(): void {
    this.dialer.stop();
    this.trimmer.stop();
  }
}
