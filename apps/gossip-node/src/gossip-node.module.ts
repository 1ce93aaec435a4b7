import { Module, type DynamicModule } from '@nestjs/common';
import { MessageBusModule } from '@teranode-p2p/service-runtime';
import { ApiModule } from './api/api.module.js';
import { DiscoveryModule } from './discovery/discovery.module.js';
import { HandshakeModule } from './handshake/handshake.module.js';
import { PeersModule } from './peers/peers.module.js';

/**
 * Root module of gossip-node; composable next to the other services in one process. Each
 * module starts after the modules it imports (the host before what uses it) and stops before
 * them: onModuleInit loads the ban list, onApplicationBootstrap starts the host and then its
 * users, beforeApplicationShutdown stops them and then the host, onApplicationShutdown sends
 * the queued P2PEvents before the bus closes.
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
