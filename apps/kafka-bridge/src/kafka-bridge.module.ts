import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';

/** Root module of kafka-bridge; composable next to the other services in one process. */
@Module({})
export class KafkaBridgeModule {
  static forRoot(_settings: Settings): DynamicModule {
    return { module: KafkaBridgeModule };
  }
}
