import { Module } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { SETTINGS } from '@teranode-p2p/service-runtime';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule } from '../host/host.module.js';
import { RegistryClient } from './registry-client.js';
import { RegistryFeed } from './registry-feed.js';

/** ban-service's shared peer registry: its client, and the feed of what gossip saw. */
@Module({
  imports: [HostModule, GossipModule],
  providers: [
    {
      provide: RegistryClient,
      inject: [SETTINGS],
      useFactory: (settings: Settings) => new RegistryClient(settings),
    },
    RegistryFeed,
  ],
  exports: [RegistryClient],
})
export class RegistryModule {}
