import { retryDelay, type BusProducer, type RefusedRecord } from '@teranode-p2p/kafka';
import { ProgressWatch } from '@teranode-p2p/service-runtime';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { OutboxMetrics } from './outbox-metrics.js';

// Only one replica publishes at a time, so the topic sees events in outbox (= commit) order.
const PUBLISH_LOCK = 0x7032_7075;
const BATCH = 200;
const IDLE_POLL_MS = 1000;
const RETRY_DELAYS = { initialMs: 200, maxMs: 5000 };

export interface OutboxPublisherOptions {
  dataSource: DataSource;
  /** The bus producer, connected on first use (Kafka may be down at start). */
  getProducer(): Promise<BusProducer>;
  topic: string;
  logger: Logger;
  readonly metrics: OutboxMetrics;
  /** Unpublished events that do not move for this long make readiness fail. */
  stallAfterMs: number;
}

interface OutboxRow {
  id: string;
  event_key: string;
  event: Buffer;
}

/**
 * Moves committed BanEvents from the ban_event_outbox table to the ban-events topic, oldest
 * first, deleting them only once the broker has acknowledged them. Kicked after every change;
 * also polls, so rows left by a replica that died are published by another. An event the
 * topic refuses for good (too large, invalid) is deleted, logged and counted, so it cannot
 * hold the outbox; any other failure leaves the rows and is retried with backoff.
 */
export class OutboxPublisher {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  readonly progress: ProgressWatch;
  readonly metrics: OutboxMetrics;

  constructor(private readonly options: OutboxPublisherOptions) {
    this.metrics = options.metrics;
    this.progress = new ProgressWatch(
      `ban events to ${options.topic}`,
      options.stallAfterMs,
      () => ({}),
    );
  }

  start(): void {
    this.schedule(0);
  }

  /** Publish what is pending now (coalesces concurrent kicks). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), delayMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    try {
      let published: number;
      do {
        published = await this.publishBatch();
        const recovery = this.progress.progressed(published === BATCH);
        if (recovery) this.options.logger.info(recovery, 'publishing ban events works again');
      } while (!this.stopped && published === BATCH);
      this.failures = 0;
      this.schedule(IDLE_POLL_MS);
    } catch (error) {
      const retryInMs = retryDelay(++this.failures, RETRY_DELAYS);
      this.progress.failed(error as Error);
      this.options.logger.error(
        { err: error, retryInMs },
        'publishing ban events failed; they stay in the outbox and are retried',
      );
      this.schedule(retryInMs);
    }
  }

  /** Returns how many events were published (0 when another replica holds the lock). */
  private async publishBatch(): Promise<number> {
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [lock] = (await runner.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [
        PUBLISH_LOCK,
      ])) as { ok: boolean }[];
      if (!lock?.ok) {
        await runner.rollbackTransaction();
        return 0;
      }
      const rows = (await runner.query(
        `SELECT id, event_key, event FROM ban_event_outbox ORDER BY id LIMIT ${BATCH}`,
      )) as OutboxRow[];
      let refusedCount = 0;
      if (rows.length > 0) {
        // Rows wait from here: a send that hangs (a broker away) is a stall readiness reports.
        this.progress.waiting();
        const producer = await this.options.getProducer();
        // Each row is a record the p2p.ban-events contract encoded when the change committed.
        const { refused } = await producer.send(
          this.options.topic,
          rows.map((row) => ({ key: row.event_key, value: row.event })),
        );
        for (const refusal of refused) this.dropRefused(rows[refusal.index]!, refusal);
        refusedCount = refused.length;
        await runner.query('DELETE FROM ban_event_outbox WHERE id = ANY($1::bigint[])', [
          rows.map((row) => row.id),
        ]);
      }
      await runner.commitTransaction();
      this.options.metrics.published.inc(rows.length - refusedCount);
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private dropRefused(row: OutboxRow, refusal: RefusedRecord): void {
    this.options.metrics.dropped.inc({ reason: refusal.reason });
    this.options.logger.error(
      { outboxId: row.id, key: row.event_key, bytes: row.event.length, reason: refusal.reason },
      `${this.options.topic} refused a ban event for good; it is dropped: ${refusal.detail}`,
    );
  }
}
