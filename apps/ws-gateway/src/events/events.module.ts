import { Module } from '@nestjs/common';
import { FeedModule } from '../feed/feed.module.js';
import { P2PEventsConsumer } from './p2p-events.consumer.js';

/** The input: p2p.events from Kafka (or the in-process bus), into the feed. */
@Module({
  imports: [FeedModule],
  providers: [P2PEventsConsumer],
})
export class EventsModule {}
