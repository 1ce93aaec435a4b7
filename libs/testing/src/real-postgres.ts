import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The real PostgreSQL that scripts/postgres.sh runs (TEST_DATABASE_URL overrides). */
export function testPostgresUrl(): string {
  return (
    process.env['TEST_DATABASE_URL'] ??
    'postgres://teranode:teranode@127.0.0.1:5432/teranode_p2p_test'
  );
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the real server for one test file, dropped afterwards, so tests
 * never see each other's rows.
 */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const adminUrl = testPostgresUrl();
  const name =
    `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `no PostgreSQL at ${redact(adminUrl)} (${(error as Error).message}); start it with: bash scripts/postgres.sh start`,
    );
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
