import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { MessageBusModule } from '@teranode-p2p/service-runtime';
import { KafkaBridgeService } from './kafka-bridge.service.js';

/** Root module of kafka-bridge; composable next to the other services in one process. */
@Module({})
export class KafkaBridgeModule {
  static forRoot(_settings: Settings): DynamicModule {
    return {
      module: KafkaBridgeModule,
      imports: [MessageBusModule.forService('kafka-bridge')],
      providers: [KafkaBridgeService],
    };
  }
}
