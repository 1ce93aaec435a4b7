import { Module } from '@nestjs/common';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule } from '../host/host.module.js';
import { BlockchainListener } from './blockchain-listener.js';

/** The blockchain service, followed from the host's start until before it stops. */
@Module({
  imports: [HostModule, GossipModule],
  providers: [BlockchainListener],
  exports: [BlockchainListener],
})
export class ChainModule {}
