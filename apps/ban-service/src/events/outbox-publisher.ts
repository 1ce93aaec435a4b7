import type { BusProducer } from '@teranode-p2p/kafka';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

// Only one replica publishes at a time, so the topic sees events in outbox (= commit) order.
const PUBLISH_LOCK = 0x7032_7075;
const BATCH = 200;
const IDLE_POLL_MS = 1000;
const MAX_RETRY_DELAY_MS = 5000;

export interface OutboxPublisherOptions {
  dataSource: DataSource;
  /** The bus producer, connected on first use (Kafka may be down at start). */
  getProducer(): Promise<BusProducer>;
  topic: string;
  logger: Logger;
  onPublished(count: number): void;
}

/**
 * Moves committed BanEvents from the ban_event_outbox table to the ban-events topic, oldest
 * first, deleting them only once the broker has acknowledged them. Kicked after every change;
 * also polls, so rows left by a replica that died are published by another.
 */
export class OutboxPublisher {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private retryDelayMs = 200;
  private stopped = false;
  lastError: Error | undefined;

  constructor(private readonly options: OutboxPublisherOptions) {}

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
      while (!this.stopped && (await this.publishBatch()) === BATCH);
      this.lastError = undefined;
      this.retryDelayMs = 200;
      this.schedule(IDLE_POLL_MS);
    } catch (error) {
      this.lastError = error as Error;
      this.options.logger.error(
        { err: error, retryInMs: this.retryDelayMs },
        'publishing ban events failed; they stay in the outbox and are retried',
      );
      this.schedule(this.retryDelayMs);
      this.retryDelayMs = Math.min(MAX_RETRY_DELAY_MS, this.retryDelayMs * 2);
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
      )) as { id: string; event_key: string; event: Buffer }[];
      if (rows.length > 0) {
        const producer = await this.options.getProducer();
        await producer.send(
          this.options.topic,
          rows.map((row) => ({ key: row.event_key, value: row.event })),
        );
        await runner.query('DELETE FROM ban_event_outbox WHERE id = ANY($1::bigint[])', [
          rows.map((row) => row.id),
        ]);
      }
      await runner.commitTransaction();
      if (rows.length > 0) this.options.onPublished(rows.length);
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
