import { Module } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { advertisedDataHubUrl } from '@teranode-p2p/config';
import { SETTINGS } from '@teranode-p2p/service-runtime';
import { FeedGateway } from './feed-gateway.js';
import { FeedHub } from './feed-hub.js';
import { FeedMetrics } from './feed-metrics.js';
import { FeedPing } from './feed-ping.js';
import { FeedController } from './feed.controller.js';

/** How long a closed client may take to answer the close frame before its socket is ended. */
const CLOSE_GRACE_MS = 2_000;

/** The /p2p-ws feed: the WebSocket endpoint, the fan-out hub, keepalive and stats. */
@Module({
  controllers: [FeedController],
  providers: [
    {
      provide: FeedHub,
      inject: [SETTINGS],
      useFactory: (settings: Settings) =>
        new FeedHub({
          maxMessages: settings.ws_client_queue_max_messages,
          maxBytes: settings.ws_client_queue_max_bytes,
          maxNodeStatuses: settings.ws_node_status_max_nodes,
          closeGraceMs: CLOSE_GRACE_MS,
        }),
    },
    {
      provide: FeedPing,
      inject: [SETTINGS],
      useFactory: (settings: Settings) => new FeedPing(advertisedDataHubUrl(settings)),
    },
    FeedMetrics,
    FeedGateway,
  ],
  exports: [FeedHub, FeedPing],
})
export class FeedModule {}
