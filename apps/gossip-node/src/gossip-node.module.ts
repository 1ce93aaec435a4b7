import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import type { ServiceBus } from '@teranode-p2p/kafka';
import { MessageBusModule, METRICS_REGISTRY, SERVICE_BUS } from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { GossipNodeController } from './api/gossip-node.controller.js';
import { PeerRegistryController } from './api/peer-registry.controller.js';
import { PeerServiceController } from './api/peer-service.controller.js';
import { RegistryClient } from './registry/registry-client.js';
import { RegistryFeed } from './registry/registry-feed.js';
import { SyncCoordinatorService } from './sync/sync-coordinator.service.js';
import { GossipNode } from './node/gossip-node.js';
import { NodeReadiness } from './node/node-readiness.js';

class GossipNodeLifecycle implements OnApplicationShutdown {
  constructor(@Inject(GossipNode) private readonly node: GossipNode) {}

  async onApplicationShutdown(): Promise<void> {
    await this.node.stop();
  }
}

/** Root module of gossip-node; composable next to the other services in one process. */
@Module({})
export class GossipNodeModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: GossipNodeModule,
      imports: [MessageBusModule.forService('gossip-node')],
      controllers: [PeerServiceController, PeerRegistryController, GossipNodeController],
      providers: [
        {
          provide: GossipNode,
          inject: [METRICS_REGISTRY, SERVICE_BUS],
          useFactory: (registry: Registry, bus: ServiceBus) =>
            GossipNode.start(settings, registry, new Logger('GossipNode'), bus),
        },
        GossipNodeLifecycle,
        NodeReadiness,
        { provide: RegistryClient, useFactory: () => new RegistryClient(settings) },
        RegistryFeed,
        SyncCoordinatorService,
      ],
      exports: [GossipNode],
    };
  }
}
