import { Counter, type Registry } from 'prom-client';

/** What became of the ban events of the outbox. */
export class OutboxMetrics {
  readonly published: Counter;
  readonly dropped: Counter<'reason'>;

  constructor(registry: Registry, maxOutboxEvents: number) {
    this.published = new Counter({
      name: 'ban_events_published_total',
      help: 'Ban events acknowledged by the ban-events topic',
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'ban_events_dropped_total',
      help: `Ban events dropped, by reason: outbox_full (more than ${maxOutboxEvents} unpublished), too_large or invalid_record (refused by the ban-events topic)`,
      labelNames: ['reason'],
      registers: [registry],
    });
  }
}
