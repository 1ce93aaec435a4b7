import { Logger, Module } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { PeerRegistry } from '@teranode-p2p/gossip';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule, InjectHost, type Libp2pHost } from '../host/host.module.js';
import { ConnectionTrimmer } from './connection-trimmer.js';
import { type TxtLookup, txtLookup } from './dnsaddr-resolver.js';
import { dialEntry, StaticPeerDialer } from './static-peer-dialer.js';

const log = new Logger('GossipNode');

function warnSkipped(address: string, skipped: string[]): void {
  log.warn(`bootstrap name ${address}: skipped ${skipped.join('; ')}`);
}

/**
 * Static and bootstrap peers dialled, and connections trimmed to the water marks, from the
 * host's start until before it stops.
 */
@Module({ imports: [HostModule, GossipModule] })
export class PeersModule {
  private readonly dialer: StaticPeerDialer;
  private readonly trimmer: ConnectionTrimmer;
  private readonly lookup: TxtLookup;

  constructor(
    @InjectSettings() private readonly settings: Settings,
    @InjectHost() private readonly host: Libp2pHost,
    peers: PeerRegistry,
  ) {
    this.lookup = txtLookup(settings.p2p_dns_servers);
    this.dialer = new StaticPeerDialer(
      host,
      [
        ...settings.p2p_static_peers,
        ...(settings.p2p_bootstrap_persistent ? settings.p2p_bootstrap_addresses : []),
      ],
      {
        lookup: this.lookup,
        onDialError: (address, failed, retryInMs) =>
          log.warn(
            `dialling static peer ${address} failed (${failed.join('; ')}); retrying in ${retryInMs} ms`,
          ),
        onSkipped: warnSkipped,
      },
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
      void dialEntry(this.host, address, this.lookup).then(({ failed, skipped }) => {
        if (skipped.length > 0) warnSkipped(address, skipped);
        if (failed.length > 0)
          log.warn(`dialling bootstrap peer ${address} failed: ${failed.join('; ')}`);
      });
    }
  }

  beforeApplicationShutdown(): void {
    this.dialer.stop();
    this.trimmer.stop();
  }
}
