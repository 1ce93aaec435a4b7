import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';

/** Root module of ws-gateway; composable next to the other services in one process. */
@Module({})
export class WsGatewayModule {
  static forRoot(_settings: Settings): DynamicModule {
    return { module: WsGatewayModule };
  }
}
