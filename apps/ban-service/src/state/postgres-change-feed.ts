import { banEventsTopic, type p2p_events } from '@teranode-p2p/contracts';
import { BoundedMap } from '@teranode-p2p/bounded-collections';
import pg from 'pg';
import type { Logger } from 'pino';
import { BAN_CHANGES_CHANNEL } from '../persistence/ban-outbox.js';
import type { StampedEvent } from '../persistence/ban-transaction.js';
import type { BanRecord } from '@teranode-p2p/ban-rules';
import type { BanState } from './ban-state.js';
import { ChangeFeed } from './change-feed.js';

const RECENT_IDS = 4096;
const APPLY_TIMEOUT_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 5000;

export interface PostgresChangeFeedOptions {
  url: string;
  state: BanState;
  /** The active bans as stored now: loaded after every (re)connect, so nothing is missed. */
  load(): Promise<BanRecord[]>;
  logger: Logger;
}

/**
 * LISTEN on the ban_changes channel. Postgres delivers notifications in commit order and only
 * for committed transactions, so every replica converges on the stored state within
 * milliseconds; after a lost connection the replica reloads everything from the tables.
 */
export class PostgresChangeFeed extends ChangeFeed {
  private client: pg.Client | undefined;
  private readonly recent = new BoundedMap<string, true>(RECENT_IDS);
  private readonly waiters = new Map<string, () => void>();
  private stopped = false;
  private reconnectDelayMs = 100;
  private connected = false;
  /** When the connection was lost and how many reconnects failed since; undefined while up. */
  private outage: { sinceMs: number; failedAttempts: number } | undefined;
  /** Notifications that arrive while a reload reads the tables, applied after it. */
  private buffered: p2p_events.BanEvent[] | undefined;

  constructor(private readonly options: PostgresChangeFeedOptions) {
    super();
  }

  get isConnected(): boolean {
    return this.connected;
  }

  override get waiting(): number {
    return this.waiters.size;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async applied(events: StampedEvent[]): Promise<void> {
    const missing = events.filter((e) => !this.recent.has(e.id));
    if (missing.length === 0) return;
    const arrivals = missing.map(
      (e) => new Promise<void>((resolve) => this.waiters.set(e.id, resolve)),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), APPLY_TIMEOUT_MS);
    });
    const outcome = await Promise.race([Promise.all(arrivals), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // The notification is late or lost: the tables are the truth, read them.
      this.options.logger.warn(
        { ids: missing.map((e) => e.id) },
        'ban change notification late: reloading',
      );
      // Settled also when the reload fails (the database is away): nothing else would remove
      // them once the notification is lost with the connection.
      try {
        await this.reload();
      } finally {
        for (const e of missing) this.settle(e.id);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.waiters.keys()]) this.settle(id);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: 'ban-service-listener',
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    client.on('notification', (message) => this.onNotification(message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${BAN_CHANGES_CHANNEL}`);
    this.client = client;
    this.connected = true;
    this.reconnectDelayMs = 100;
    await this.reload();
    if (this.outage) {
      const { sinceMs, failedAttempts } = this.outage;
      this.outage = undefined;
      this.options.logger.info(
        { downMs: Date.now() - sinceMs, failedAttempts },
        'ban change listener reconnected; ban state reloaded from the tables',
      );
    }
  }

  /** Replaces the state with the tables' content; changes committed meanwhile are replayed. */
  async reload(): Promise<void> {
    if (this.buffered) return;
    this.buffered = [];
    try {
      const records = await this.options.load();
      this.options.state.replaceAll(records);
    } finally {
      const replay = this.buffered;
      this.buffered = undefined;
      for (const event of replay) this.options.state.apply(event);
    }
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    this.connected = false;
    this.outage = { sinceMs: Date.now(), failedAttempts: 0 };
    this.options.logger.error(
      { err: error },
      'ban change listener lost its connection: reconnecting',
    );
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(MAX_RECONNECT_DELAY_MS, delay * 2);
    setTimeout(() => {
      this.connect().catch((error: unknown) => {
        if (this.outage) this.outage.failedAttempts++;
        this.options.logger.error(
          { err: error, retryInMs: this.reconnectDelayMs },
          'ban change listener could not reconnect',
        );
        this.scheduleReconnect();
      });
    }, delay).unref();
  }

  private onNotification(payload: string): void {
    const colon = payload.indexOf(':');
    const id = payload.slice(0, colon);
    try {
      if (colon <= 0) throw new Error('no id');
      const event = banEventsTopic.decode(Buffer.from(payload.slice(colon + 1), 'base64'));
      if (this.buffered && this.buffered.length < RECENT_IDS) this.buffered.push(event);
      else this.options.state.apply(event);
    } catch (error) {
      this.options.logger.error(
        { err: error, payload: payload.slice(0, 200) },
        'unreadable ban change notification: reloading from the tables',
      );
      void this.reload().catch(() => undefined);
    }
    this.settle(id);
  }

  private settle(id: string): void {
    this.recent.set(id, true);
    const waiter = this.waiters.get(id);
    if (waiter) {
      this.waiters.delete(id);
      waiter();
    }
  }
}
