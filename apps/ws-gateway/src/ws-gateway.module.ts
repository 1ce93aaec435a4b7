import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { DashboardModule } from '@teranode-p2p/dashboard';
import { MessageBusModule } from '@teranode-p2p/service-runtime';
import { EventsModule } from './events/events.module.js';
import { FeedModule } from './feed/feed.module.js';

/** Root module of ws-gateway (feed, events, dashboard); composable next to the other services in one process. */
@Module({})
export class WsGatewayModule {
  static forRoot(_settings: Settings): DynamicModule {
    return {
      module: WsGatewayModule,
      imports: [
        MessageBusModule.forService('ws-gateway'),
        FeedModule,
        EventsModule,
        DashboardModule,
      ],
    };
  }
}
