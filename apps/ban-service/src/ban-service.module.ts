import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';

/** Root module of ban-service; composable next to the other services in one process. */
@Module({})
export class BanServiceModule {
  static forRoot(_settings: Settings): DynamicModule {
    return { module: BanServiceModule };
  }
}
