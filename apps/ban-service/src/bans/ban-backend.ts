import { scorePolicy, type ScorePolicy } from '@teranode-p2p/ban-rules';
import type { Settings } from '@teranode-p2p/config';
import { connectDatabase, type Database } from '@teranode-p2p/database';
import type { BusProducer, MessageBus } from '@teranode-p2p/kafka';
import type { Logger } from 'pino';
import type { OutboxMetrics } from '../events/outbox-metrics.js';
import { OutboxPublisher } from '../events/outbox-publisher.js';
import { BanStore } from '../persistence/ban-store.js';
import type { BanState } from '../state/ban-state.js';
import type { ChangeFeed } from '../state/change-feed.js';
import { LocalChangeFeed } from '../state/local-change-feed.js';
import { PostgresChangeFeed } from '../state/postgres-change-feed.js';

export function policyFrom(settings: Settings): ScorePolicy {
  return scorePolicy({
    threshold: settings.p2p_ban_threshold,
    banDurationMs: settings.p2p_ban_duration,
    decayIntervalMs: settings.p2p_ban_decay_interval,
    decayAmount: settings.p2p_ban_decay_amount,
    maxReasons: settings.p2p_ban_max_reasons,
    points: settings.p2p_ban_reason_points,
  });
}

/**
 * The I/O the ban logic needs: the database, the change feed, the bus and the publisher. The
 * bus is the service's (MessageBusModule), which closes it: on the in-process bus it is shared
 * with the other services of the process.
 */
export class BanBackend {
  private constructor(
    readonly database: Database,
    readonly store: BanStore,
    readonly feed: ChangeFeed,
    readonly bus: MessageBus,
    readonly publisher: OutboxPublisher,
  ) {}

  static async open(
    settings: Settings,
    state: BanState,
    logger: Logger,
    metrics: OutboxMetrics,
    bus: MessageBus,
  ): Promise<BanBackend> {
    const database = await connectDatabase({
      url: settings.DATABASE_URL,
      dataDir: settings.data_dir,
      applicationName: 'ban-service',
    });
    const store = new BanStore(
      database.dataSource,
      {
        maxEntries: settings.p2p_ban_max_entries,
        maxTrackedPeers: settings.p2p_ban_max_tracked_peers,
      },
      policyFrom(settings),
    );
    const load = () => store.loadActive(Date.now());
    const feed: ChangeFeed =
      database.kind === 'postgres'
        ? new PostgresChangeFeed({ url: settings.DATABASE_URL!, state, load, logger })
        : new LocalChangeFeed(state);
    if (database.kind === 'embedded') state.replaceAll(await load());
    const topic = settings.KAFKA_BAN_EVENTS;
    let producer: Promise<BusProducer> | undefined;
    const getProducer = () => {
      producer ??= (async () => {
        await bus.ensureTopics([{ topic }]);
        return bus.createProducer({
          onReplaced: (error) =>
            logger.warn({ err: error }, 'Kafka producer replaced after a failed send'),
        });
      })().catch((error: unknown) => {
        producer = undefined;
        throw error;
      });
      return producer;
    };
    const publisher = new OutboxPublisher({
      dataSource: database.dataSource,
      getProducer,
      topic,
      logger,
      metrics,
      stallAfterMs: settings.kafka_stall_timeout,
    });
    try {
      await feed.start();
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error;
    }
    publisher.start();
    return new BanBackend(database, store, feed, bus, publisher);
  }

  async close(): Promise<void> {
    await this.publisher.stop();
    await this.feed.stop();
    await this.database.close();
  }
}
