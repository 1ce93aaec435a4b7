import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module.js';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule } from '../host/host.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { SyncCoordinatorService } from './sync-coordinator.service.js';

/** The sync coordinator: which peer the local Teranode catches up from. */
@Module({
  imports: [HostModule, ChainModule, GossipModule, RegistryModule],
  providers: [SyncCoordinatorService],
  exports: [SyncCoordinatorService],
})
export class SyncModule {}
