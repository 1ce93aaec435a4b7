import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { createMessageBus, type MessageBus } from '@teranode-p2p/kafka';
import { BRIDGE_BUS, BRIDGE_OWNS_BUS, KafkaBridgeService } from './kafka-bridge.service.js';

export interface KafkaBridgeModuleOptions {
  /** The bus to use, e.g. the in-process bus shared by all services of one process. */
  bus?: MessageBus;
}

/** Root module of kafka-bridge; composable next to the other services in one process. */
@Module({})
export class KafkaBridgeModule {
  static forRoot(settings: Settings, options: KafkaBridgeModuleOptions = {}): DynamicModule {
    const bus =
      options.bus ??
      createMessageBus({
        brokers: [...(settings.KAFKA_BROKERS ?? [])],
        clientId: `${settings.KAFKA_CLIENT_ID}-kafka-bridge`,
      });
    return {
      module: KafkaBridgeModule,
      providers: [
        { provide: BRIDGE_BUS, useValue: bus },
        // The in-process bus is shared by every service of the process: never closed here.
        { provide: BRIDGE_OWNS_BUS, useValue: options.bus === undefined && bus.kind === 'kafka' },
        KafkaBridgeService,
      ],
    };
  }
}
