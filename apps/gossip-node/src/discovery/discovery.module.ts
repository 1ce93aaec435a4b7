import {
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { joinedTopicKinds } from '../gossip/gossip-topics.js';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import { HostModule, InjectHost } from '../host/host.module.js';
import { TopicRendezvous } from './topic-rendezvous.js';

/** The topics' DHT rendezvous, visited from the host's start until before it stops. */
@Module({ imports: [HostModule] })
export class DiscoveryModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly rendezvous: TopicRendezvous;

  constructor(@InjectSettings() settings: Settings, @InjectHost() host: Libp2pHost) {
    this.rendezvous = new TopicRendezvous(
      host,
      [...joinedTopicKinds(settings).keys()],
      settings.p2p_min_peers,
      new Logger('GossipNode'),
    );
  }

  onApplicationBootstrap(): void {
    this.rendezvous.start();
  }

  beforeApplicationShutdown(): void {
    this.rendezvous.stop();
  }
}
