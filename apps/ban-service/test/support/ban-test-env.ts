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
