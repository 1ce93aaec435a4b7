import { afterAll, beforeAll } from '@jest/globals';
import {
  createTestDatabase,
  requireKafka,
  uniqueName,
  type TestDatabase,
} from '@teranode-p2p/testing';
import pg from 'pg';
import { BanEventCollector } from './ban-event-collector.js';
import { startBanService, type BanServiceProcess } from './ban-service-process.js';

/** One test file's world: a private database, a private ban-events topic, a real broker. */
export interface BanTestEnv {
  database: TestDatabase;
  brokers: string[];
  topic: string;
  events: BanEventCollector;
  settings: Record<string, string>;
  start(extra?: Record<string, string>): Promise<BanServiceProcess>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function banTestEnv(): Promise<BanTestEnv> {
  const brokers = await requireKafka();
  const database = await createTestDatabase('ban');
  const topic = uniqueName('ban-events');
  const events = new BanEventCollector(brokers, topic);
  await events.start();
  const settings = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_BAN_EVENTS: topic,
  };
  const started: BanServiceProcess[] = [];
  return {
    database,
    brokers,
    topic,
    events,
    settings,
    start: async (extra = {}) => {
      const service = await startBanService({ ...settings, ...extra });
      started.push(service);
      return service;
    },
    rows: async (sql) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await Promise.all(started.map((s) => s.stop('SIGKILL').catch(() => undefined)));
      await events.close();
      await database.drop();
    },
  };
}

/**
 * The enclosing describe block's BanTestEnv: filled in by a beforeAll hook (register this before
 * the hooks that use it) and closed after the block's tests.
 */
export function banTestEnvForSuite(): BanTestEnv {
  const env = {} as BanTestEnv;
  beforeAll(async () => void Object.assign(env, await banTestEnv()), 60_000);
  afterAll(async () => {
    await env.close?.();
  });
  return env;
}

/** The same and one ban-service on it, started with `settings` before the block's tests. */
export function banServiceForSuite(
  settings: Record<string, string> = {},
): [BanTestEnv, BanServiceProcess] {
  const env = banTestEnvForSuite();
  const service = {} as BanServiceProcess;
  beforeAll(async () => void Object.assign(service, await env.start(settings)), 60_000);
  return [env, service];
}
