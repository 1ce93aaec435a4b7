import { Controller, Get, HttpException } from '@nestjs/common';
import { FeedHub } from './feed-hub.js';

const UPGRADE_REQUIRED = 426;

@Controller('p2p-ws')
export class FeedController {
  constructor(private readonly hub: FeedHub) {}

  /** A plain GET (no Upgrade header) on the feed: 426 tells the caller what to do instead. */
  @Get()
  notUpgraded(): never {
    throw new HttpException(
      'GET /p2p-ws needs a WebSocket upgrade (Connection: Upgrade, Upgrade: websocket)',
      UPGRADE_REQUIRED,
    );
  }

  /** This replica's feed: clients, what waits in their queues, and who was dropped why. */
  @Get('stats')
  stats() {
    const queued = this.hub.queued();
    return {
      clients: this.hub.clients,
      closing: this.hub.closing,
      queued_messages: queued.messages,
      queued_bytes: queued.bytes,
      dropped: { ...this.hub.dropped },
      deliveries: this.hub.delivered,
      node_statuses: this.hub.nodeStatuses.stats().nodes,
    };
  }
}
