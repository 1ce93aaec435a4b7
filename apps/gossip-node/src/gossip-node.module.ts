import { Module, type DynamicModule } from '@nestjs/common';
import { MessageBusModule } from '@teranode-p2p/service-runtime';
import { ApiModule } from './api/api.module.js';
import { DiscoveryModule } from './discovery/discovery.module.js';
import { HandshakeModule } from './handshake/handshake.module.js';
import { PeersModule } from './peers/peers.module.js';

/**
 * Root module of gossip-node; composable next to the other services in one process. Start and
 * stop order: each module's lifecycle hooks (README, Start and stop).
 */
@Module({})
export class GossipNodeModule {
  static forRoot(): DynamicModule {
    return {
      module: GossipNodeModule,
      imports: [
        MessageBusModule.forService('gossip-node'),
        ApiModule,
        PeersModule,
        DiscoveryModule,
        HandshakeModule,
      ],
    };
  }
}
