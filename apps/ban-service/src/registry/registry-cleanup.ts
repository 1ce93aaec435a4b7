import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { InjectMetrics, InjectSettings } from '@teranode-p2p/service-runtime';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { BanBackend } from '../bans/ban-backend.js';
import { BAN_LOGGER } from '../bans/ban-logger.js';
import { SnapshotHistogram } from '../bans/score-histogram.js';
import { distributionOf } from '../persistence/metric-queries.js';
import { PeerRegistryStore } from './registry-store.js';

/** Reputation bands of Teranode: malicious 5, sync 20, healthy 40, neutral 50. */
const REPUTATION_BUCKETS = [5, 20, 40, 50, 60, 80, 100];
/** How often the registry metrics are read when the cleanup runs less often. */
const STATS_INTERVAL_MS = 60_000;
/** How often the registry's size is compared with p2p_peer_registry_max_size between cleanups. */
const SIZE_CHECK_INTERVAL_MS = 5_000;
/**
 * Growth that brings the cleanup forward: past the size limit, or past what the last cleanup
 * left when that was more (peers it may not evict: connected or banned), by this factor.
 */
const GROWTH_ALLOWANCE = 1.1;

/**
 * Applies p2p_peer_registry_ttl and p2p_peer_registry_max_size every
 * p2p_peer_registry_cleanup_interval (Teranode declares these settings but never reads them),
 * and at once when the registry has grown well past its size limit: every gossip author gets
 * an entry, and authors cost a peer nothing to make up, so an hour between cleanups would let
 * one peer grow the table without bound. Keeps the registry's size and reputation
 * distribution as metrics.
 */
@Injectable()
export class RegistryCleanup implements OnModuleInit, OnModuleDestroy {
  private readonly timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> | undefined;
  private sizeAfterCleanup = 0;
  private readonly evictions: Counter<'reason'>;
  private readonly reputations: SnapshotHistogram;

  constructor(
    @Inject(PeerRegistryStore) private readonly store: PeerRegistryStore,
    @Inject(BanBackend) private readonly backend: BanBackend,
    @InjectSettings() private readonly settings: Settings,
    @InjectMetrics() registry: Registry,
    @Inject(BAN_LOGGER) private readonly logger: Logger,
  ) {
    this.evictions = new Counter({
      name: 'peer_registry_evictions_total',
      help: 'Peers dropped from the registry: expired (idle past p2p_peer_registry_ttl) or over_capacity (p2p_peer_registry_max_size)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.reputations = new SnapshotHistogram({
      name: 'peer_registry_reputations',
      help: `Reputation scores in the peer registry (its peer count is the histogram count, bounded by p2p_peer_registry_max_size=${settings.p2p_peer_registry_max_size} plus connected and banned peers)`,
      buckets: REPUTATION_BUCKETS,
      registers: [registry],
    });
  }

  onModuleInit(): void {
    const interval = this.settings.p2p_peer_registry_cleanup_interval;
    if (interval > 0) this.every(interval, () => this.cleanup());
    if (interval > 0 && this.settings.p2p_peer_registry_max_size > 0)
      this.every(SIZE_CHECK_INTERVAL_MS, () => this.cleanupIfOversized());
    this.every(Math.min(interval || STATS_INTERVAL_MS, STATS_INTERVAL_MS), () => this.readStats());
    this.run(() => this.readStats());
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.running;
  }

  private every(ms: number, work: () => Promise<void>): void {
    const timer = setInterval(() => this.run(work), ms);
    timer.unref();
    this.timers.push(timer);
  }

  private run(work: () => Promise<void>): void {
    if (this.running) return;
    this.running = work()
      .catch((error: unknown) => this.logger.error({ err: error }, 'peer registry upkeep failed'))
      .finally(() => (this.running = undefined));
  }

  private async cleanupIfOversized(): Promise<void> {
    const allowed =
      Math.max(this.settings.p2p_peer_registry_max_size, this.sizeAfterCleanup) * GROWTH_ALLOWANCE;
    if ((await this.store.count()) > allowed) await this.cleanup();
  }

  private async cleanup(): Promise<void> {
    await this.store.dropEndedConnections(Date.now());
    const { expired, overCapacity } = await this.store.evict(Date.now());
    this.sizeAfterCleanup = await this.store.count();
    this.evictions.inc({ reason: 'expired' }, expired.length);
    this.evictions.inc({ reason: 'over_capacity' }, overCapacity.length);
    if (expired.length + overCapacity.length > 0)
      this.logger.info(
        { expired: expired.length, overCapacity: overCapacity.length },
        'peer registry cleaned up',
      );
    await this.readStats();
  }

  private async readStats(): Promise<void> {
    this.reputations.update(
      await distributionOf(
        this.backend.database.dataSource,
        'peer_registry.reputation_score',
        REPUTATION_BUCKETS,
      ),
    );
  }
}
