import { hostname } from 'node:os';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import type { BusConsumer, IncomingRecord, ServiceBus } from '@teranode-p2p/kafka';
import {
  InjectBus,
  InjectMetrics,
  InjectSettings,
  messageBusCheck,
  ReadinessRegistry,
} from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { FeedHub } from '../feed/feed-hub.js';
import { FeedPing } from '../feed/feed-ping.js';
import { frameRecord } from './frame-record.js';
import { SEEN_MESSAGE_WINDOW_MS, SEEN_MESSAGES_MAX, SeenMessages } from './seen-messages.js';

/** This replica's consumer group: its own, so every replica receives every event. */
export function consumerGroupId(settings: Settings): string {
  return `ws-gateway-${settings.ws_replica_name ?? hostname()}`;
}

/**
 * Reads KAFKA_P2P_EVENTS from the latest offset in this replica's own group (records produced
 * before this process started are skipped, also when the group resumes from a committed offset
 * after a restart) and hands each event, framed once, to the hub. A record that is not a
 * usable P2PEvent is counted, logged and skipped: it never stops the feed.
 */
@Injectable()
export class P2PEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('P2PEventsConsumer');
  private consumer: BusConsumer | undefined;
  private readonly records: Counter<'outcome'>;
  private readonly seen: SeenMessages;
  private startedAtMs = Number.POSITIVE_INFINITY;

  constructor(
    @InjectSettings() private readonly settings: Settings,
    @InjectMetrics() registry: Registry,
    private readonly hub: FeedHub,
    private readonly ping: FeedPing,
    private readonly readiness: ReadinessRegistry,
    @InjectBus() private readonly bus: ServiceBus,
  ) {
    this.records = new Counter({
      name: 'ws_gateway_event_records_total',
      help: 'p2p.events records read, by outcome: shown, duplicate (a copy another gossip node of ours received), not_shown (rejected tx), before_start, or why invalid.',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.seen = new SeenMessages(
      { maxMessages: SEEN_MESSAGES_MAX, windowMs: SEEN_MESSAGE_WINDOW_MS },
      registry,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    const groupId = consumerGroupId(this.settings);
    this.startedAtMs = Date.now();
    // A gateway may start before any gossip node has created the topic.
    await this.bus.ensureTopics([{ topic: this.settings.KAFKA_P2P_EVENTS }]);
    this.consumer = this.bus.createConsumer({
      groupId,
      topics: [this.settings.KAFKA_P2P_EVENTS],
      fromBeginning: false,
      stallAfterMs: this.settings.kafka_stall_timeout,
      handler: (record) => this.handle(record),
    });
    await this.consumer.start();
    this.readiness.register('message-bus', messageBusCheck(this.bus));
    this.logger.log(`consuming ${this.settings.KAFKA_P2P_EVENTS} in group ${groupId}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // The bus itself is closed by MessageBusModule, which knows whether it is ours to close.
    await this.consumer?.stop();
  }

  private async handle(record: IncomingRecord): Promise<void> {
    // A replica restarted under the same name resumes from its group's committed offset; what
    // was produced before it started is history, not news, and is not sent.
    if (Number(record.timestamp) < this.startedAtMs) {
      this.records.inc({ outcome: 'before_start' });
      return;
    }
    const outcome = frameRecord(record.value, Date.now(), (event) =>
      this.seen.firstSighting(event),
    );
    switch (outcome.kind) {
      case 'notification':
        this.ping.rememberNode(outcome.receiverPeerId);
        this.hub.nodeStatuses.noteOurNode(outcome.receiverPeerId);
        this.hub.publish(outcome.notification, outcome.nodeStatusKey);
        this.records.inc({ outcome: 'shown' });
        return;
      case 'duplicate':
        this.hub.nodeStatuses.noteOurNode(outcome.receiverPeerId);
        this.records.inc({ outcome: 'duplicate' });
        return;
      case 'not_shown':
        this.records.inc({ outcome: 'not_shown' });
        return;
      case 'invalid':
        this.records.inc({ outcome: outcome.reason });
        this.logger.warn(
          `skipped record ${record.topic}/${record.partition}@${record.offset}: ${outcome.reason}: ${outcome.detail}`,
        );
    }
  }
}
