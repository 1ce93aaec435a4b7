import {
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { SETTINGS } from '@teranode-p2p/service-runtime';
import { GossipModule } from '../gossip/gossip.module.js';
import { GossipPublisher } from '../gossip/outbound-gossip.js';
import type { Libp2pHost } from '../host/create-libp2p-host.js';
import { HostModule, LIBP2P_HOST } from '../host/host.module.js';
import { BlockchainListener } from './blockchain-listener.js';
import { ChainState } from './chain-state.js';

/** The blockchain service followed from the host's start until before it stops. */
@Module({
  imports: [HostModule, GossipModule],
  providers: [
    { provide: ChainState, useFactory: () => new ChainState() },
    {
      provide: BlockchainListener,
      inject: [SETTINGS, LIBP2P_HOST, GossipPublisher, ChainState],
      useFactory: (
        settings: Settings,
        host: Libp2pHost,
        publisher: GossipPublisher,
        chain: ChainState,
      ) =>
        new BlockchainListener(
          settings,
          host.peerId.toString(),
          publisher,
          chain,
          new Logger('GossipNode'),
        ),
    },
  ],
  exports: [ChainState],
})
export class ChainModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly listener: BlockchainListener) {}

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  beforeApplicationShutdown(): void {
    this.listener.stop();
  }
}
