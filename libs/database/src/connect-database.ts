import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from './create-data-source.js';
import { DatabaseStartError } from './database-start-error.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './run-migrations.js';

export interface DatabaseSettings {
  /** PostgreSQL URL; unset → the embedded database under `dataDir`. */
  url: string | undefined;
  dataDir: string;
  applicationName: string;
}

export interface Database {
  dataSource: DataSource;
  /**
   * `postgres` for a real server; `embedded` for PGlite, started here or served over the wire
   * by another process (the local network's): one Postgres session behind every connection, so
   * a NOTIFY never reaches another connection's LISTEN.
   */
  kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}

/**
 * The one way a service opens its database: a real PostgreSQL when a URL is configured, the
 * embedded one otherwise (design.md §7), with the schema brought up to date either way.
 */
export async function connectDatabase(settings: DatabaseSettings): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  const url =
    settings.url ??
    (embedded = await startEmbeddedPostgres({ dataDir: join(settings.dataDir, 'pglite') })).url;
  const dataSource = createDataSource({ url, applicationName: settings.applicationName });
  let step: 'open' | 'migrate' = 'open';
  let servedByPglite = embedded !== undefined;
  try {
    await dataSource.initialize();
    servedByPglite ||= await isPglite(dataSource);
    step = 'migrate';
    await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    throw new DatabaseStartError(step, url, embedded !== undefined, error);
  }
  return {
    dataSource,
    kind: servedByPglite ? 'embedded' : 'postgres',
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

async function isPglite(dataSource: DataSource): Promise<boolean> {
  const [row] = (await dataSource.query('SELECT version() AS version')) as { version: string }[];
  return /\bPGlite\b/.test(row?.version ?? '');
}
