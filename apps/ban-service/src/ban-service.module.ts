import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import type { ServiceBus } from '@teranode-p2p/kafka';
import {
  MessageBusModule,
  METRICS_REGISTRY,
  SERVICE_BUS,
  serviceLogger,
} from '@teranode-p2p/service-runtime';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BanBackend, policyFrom } from './bans/ban-backend.js';
import { BanCommands } from './bans/ban-commands.js';
import { BanLifecycle, MAX_OUTBOX_EVENTS } from './bans/ban-lifecycle.js';
import { OutboxMetrics } from './events/outbox-metrics.js';
import { BAN_LOGGER } from './bans/ban-logger.js';
import { BanServiceController } from './grpc/ban-service.controller.js';
import { PeerServiceController } from './grpc/peer-service.controller.js';
import { BanState } from './state/ban-state.js';
import { PeerRegistryController } from './registry/peer-registry.controller.js';
import { RegistryCleanup } from './registry/registry-cleanup.js';
import { PeerRegistryStore } from './registry/registry-store.js';

/** Root module of ban-service; composable next to the other services in one process. */
@Module({})
export class BanServiceModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: BanServiceModule,
      imports: [MessageBusModule.forService('ban-service')],
      controllers: [PeerServiceController, BanServiceController, PeerRegistryController],
      providers: [
        { provide: BAN_LOGGER, useValue: serviceLogger('ban-service', settings) },
        BanState,
        {
          provide: BanBackend,
          inject: [BanState, BAN_LOGGER, METRICS_REGISTRY, SERVICE_BUS],
          useFactory: (state: BanState, logger: Logger, registry: Registry, bus: ServiceBus) =>
            BanBackend.open(
              settings,
              state,
              logger,
              new OutboxMetrics(registry, MAX_OUTBOX_EVENTS),
              bus,
            ),
        },
        {
          provide: BanCommands,
          inject: [BanBackend, BanState],
          useFactory: (backend: BanBackend, state: BanState) =>
            new BanCommands(backend, state, settings.p2p_ban_default_duration),
        },
        {
          provide: PeerRegistryStore,
          inject: [BanBackend],
          useFactory: (backend: BanBackend) =>
            new PeerRegistryStore(backend.database.dataSource, policyFrom(settings), {
              maxSize: settings.p2p_peer_registry_max_size,
              ttlMs: settings.p2p_peer_registry_ttl,
            }),
        },
        BanServiceController,
        BanLifecycle,
        RegistryCleanup,
      ],
    };
  }
}
