import { Module } from '@nestjs/common';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule } from '../host/host.module.js';
import { RegistryClient } from './registry-client.js';
import { RegistryFeed } from './registry-feed.js';

/** ban-service's shared peer registry: its client, and the feed of what gossip saw. */
@Module({
  imports: [HostModule, GossipModule],
  providers: [RegistryClient, RegistryFeed],
  exports: [RegistryClient],
})
export class RegistryModule {}
