import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import {
  collectedGauge,
  databaseCheck,
  InjectMetrics,
  InjectSettings,
  messageBusCheck,
  ReadinessRegistry,
} from '@teranode-p2p/service-runtime';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BanServiceController } from '../grpc/ban-service.controller.js';
import { PostgresChangeFeed } from '../state/postgres-change-feed.js';
import { BanBackend } from './ban-backend.js';
import { BanCommands } from './ban-commands.js';
import { BAN_LOGGER } from './ban-logger.js';
import { scoreBuckets, SnapshotHistogram } from './score-histogram.js';

/** Unpublished ban events kept while Kafka is unreachable. */
export const MAX_OUTBOX_EVENTS = 100_000;

/**
 * Runs the sweeper (expired bans out of Postgres, scores decayed), registers readiness checks
 * and gauges, and closes the backend on shutdown.
 */
@Injectable()
export class BanLifecycle implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;
  private outboxSize = 0;
  private trackedPeers = 0;
  private readonly scores: SnapshotHistogram;

  constructor(
    private readonly backend: BanBackend,
    private readonly bans: BanCommands,
    private readonly controller: BanServiceController,
    private readonly readiness: ReadinessRegistry,
    @InjectSettings() private readonly settings: Settings,
    @InjectMetrics() registry: Registry,
    @Inject(BAN_LOGGER) private readonly logger: Logger,
  ) {
    collectedGauge(registry, () => this.outboxSize, {
      name: 'ban_event_outbox_size',
      help: 'Ban events committed but not yet acknowledged by Kafka',
    });
    collectedGauge(registry, () => this.trackedPeers, {
      name: 'ban_tracked_peers',
      help: 'Peer scores kept in Postgres (bounded by p2p_ban_max_tracked_peers)',
    });
    this.scores = new SnapshotHistogram({
      name: 'ban_peer_scores',
      help: `Peer scores in Postgres as of the last sweep; buckets at quarters of p2p_ban_threshold (${settings.p2p_ban_threshold})`,
      buckets: scoreBuckets(settings.p2p_ban_threshold),
      registers: [registry],
    });
    collectedGauge(registry, () => this.bans.waitingChanges, {
      name: 'ban_changes_waiting',
      help: 'Ban changes queued on this replica (bounded)',
    });
    collectedGauge(registry, () => this.backend.feed.waiting, {
      name: 'ban_change_notification_waiters',
      help: 'Committed ban changes waiting for their Postgres notification on this replica (each for at most 2 s)',
    });
    collectedGauge(registry, () => this.controller.watcherCount, {
      name: 'ban_watch_streams',
      help: 'Open WatchBans streams (bounded)',
    });
  }

  onModuleInit(): void {
    const { dataSource } = this.backend.database;
    this.readiness.register('database', databaseCheck(dataSource));
    this.readiness.register('message-bus', messageBusCheck(this.backend.bus));
    this.readiness.register('ban-events-outbox', this.backend.publisher.progress.check);
    const feed = this.backend.feed;
    if (feed instanceof PostgresChangeFeed) {
      this.readiness.register('ban-change-listener', async () => {
        if (!feed.isConnected) throw new Error('not listening for ban changes: reconnecting');
      });
    }
    this.timer = setInterval(() => this.sweep(), this.settings.p2p_ban_sweep_interval);
    this.timer.unref();
    this.sweep();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
    await this.backend.close();
  }

  private sweep(): void {
    if (this.sweeping) return;
    this.sweeping = (async () => {
      const expired = await this.bans.sweep();
      if (expired > 0) this.logger.info({ expired }, 'expired bans removed');
      const dropped = await this.backend.store.trimOutbox(MAX_OUTBOX_EVENTS);
      if (dropped > 0) {
        this.backend.publisher.metrics.dropped.inc({ reason: 'outbox_full' }, dropped);
        this.logger.error(
          { dropped, limit: MAX_OUTBOX_EVENTS },
          'Kafka has been unreachable too long: the oldest unpublished ban events were dropped',
        );
      }
      this.outboxSize = await this.backend.store.outboxSize();
      const scores = await this.backend.store.scoreDistribution(this.scores.buckets);
      this.scores.update(scores);
      this.trackedPeers = scores.count;
    })()
      .catch((error: unknown) => this.logger.error({ err: error }, 'ban sweep failed'))
      .finally(() => (this.sweeping = undefined));
  }
}
