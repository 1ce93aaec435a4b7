import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '@teranode-p2p/testing';
import { DataSource } from 'typeorm';
import { connectDatabase, createDataSource, migrations, runMigrations } from '../src/index.js';

// Real PostgreSQL (scripts/postgres.sh): a fresh database per run.
describe('migrations on a real PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('run once from two replicas started together, then answer a containment query', async () => {
    const a = createDataSource({ url: db.url });
    const b = createDataSource({ url: db.url });
    await Promise.all([a.initialize(), b.initialize()]);
    const [appliedA, appliedB] = await Promise.all([runMigrations(a), runMigrations(b)]);
    expect([...appliedA, ...appliedB].sort()).toEqual(migrations.map((m) => new m().name).sort());

    await a.query(
      `INSERT INTO bans (cidr, created_at, expires_at, reason, source)
       VALUES ('10.0.0.0/24', now(), now() + interval '1 hour', 'test', 'manual')`,
    );
    const covering = await a.query(`SELECT cidr::text AS cidr FROM bans WHERE cidr >>= $1::inet`, [
      '10.0.0.77',
    ]);
    expect(covering).toEqual([{ cidr: '10.0.0.0/24' }]);
    const notCovering = await a.query(`SELECT cidr FROM bans WHERE cidr >>= $1::inet`, [
      '10.0.1.1',
    ]);
    expect(notCovering).toEqual([]);
    const plan = await a.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'bans' ORDER BY indexname`,
    );
    expect(plan.map((r: { indexname: string }) => r.indexname)).toEqual([
      'bans_cidr_gist_idx',
      'bans_expires_at_idx',
      'bans_pkey',
    ]);
    await Promise.all([a.destroy(), b.destroy()]);
  });

  it('is a no-op the second time', async () => {
    const c = createDataSource({ url: db.url });
    await c.initialize();
    expect(await runMigrations(c)).toEqual([]);
    await c.destroy();
  });

  it('leave nothing to change for NodeKeyEntity, the one table gossip-node reads through TypeORM', async () => {
    const c = createDataSource({ url: db.url });
    await c.initialize();
    expect((await c.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    await c.destroy();
  });

  it('rejects a malformed CIDR in the database itself', async () => {
    const c = createDataSource({ url: db.url });
    await c.initialize();
    await expect(
      c.query(
        `INSERT INTO bans (cidr, created_at, expires_at, source) VALUES ('10.0.0.0/33', now(), now(), 'manual')`,
      ),
    ).rejects.toThrow(/invalid input syntax for type cidr/);
    await c.destroy();
  });
});

describe('1764200000000-derived-score-bans', () => {
  it('keeps banned_until only as the score ban, and puts it back on the way down', async () => {
    const db = await createTestDatabase('derived');
    const previous = new DataSource({
      ...createDataSource({ url: db.url }).options,
      migrations: migrations.slice(0, 2),
    });
    const current = new DataSource({
      ...createDataSource({ url: db.url }).options,
      migrations: migrations.slice(0, 3),
    });
    try {
      await previous.initialize();
      await runMigrations(previous);
      // a: score-banned; b: its ban ended and was swept; c: a manual ban, score not banned;
      // d: reached the threshold during a longer manual ban.
      await previous.query(`
        INSERT INTO peer_bans (peer_id, created_at, expires_at, source) VALUES
          ('a', now(), '2100-01-01', 'score'), ('c', now(), '2100-01-01', 'manual'),
          ('d', now(), '2100-01-01', 'manual');
        INSERT INTO peer_scores (peer_id, score, banned_until, last_update) VALUES
          ('a', 100, '2100-01-01', now()), ('b', 100, now() - interval '1 minute', now() - interval '1 day'),
          ('c', 10, NULL, now()), ('d', 100, now() + interval '1 day', now())`);
      await current.initialize();
      await runMigrations(current);
      const banEnds = (table: string) =>
        current.query(
          `SELECT peer_id, banned_until::date::text AS until FROM ${table} ORDER BY peer_id`,
        );
      const expected = [
        { peer_id: 'a', until: '2100-01-01' },
        { peer_id: 'c', until: null },
      ];
      expect(await banEnds('peer_score_states')).toEqual(expected);
      await current.undoLastMigration({ transaction: 'each' });
      expect(await banEnds('peer_scores')).toEqual(expected);
    } finally {
      await Promise.all([previous.destroy(), current.destroy()]);
      await db.drop();
    }
  });
});

describe('1764300000000-peer-registry', () => {
  it('creates the registry table, takes a peer with defaults, and goes away on the way down', async () => {
    const db = await createTestDatabase('registry');
    const source = new DataSource({
      ...createDataSource({ url: db.url }).options,
      migrations: migrations.slice(0, 4),
    });
    try {
      await source.initialize();
      await runMigrations(source);
      await source.query(`INSERT INTO peer_registry (peer_id) VALUES ('p')`);
      const [row] = await source.query(
        `SELECT reputation_score, is_connected, storage, bytes_received FROM peer_registry`,
      );
      expect(row).toEqual({
        reputation_score: 50,
        is_connected: false,
        storage: '',
        bytes_received: '0',
      });
      await source.undoLastMigration({ transaction: 'each' });
      const [{ exists }] = await source.query(
        `SELECT to_regclass('peer_registry') IS NOT NULL AS exists`,
      );
      expect(exists).toBe(false);
    } finally {
      await source.destroy();
      await db.drop();
    }
  });
});

describe('1764400000000-connection-leases', () => {
  it('turns is_connected into a lease of a minute, and back on the way down', async () => {
    const db = await createTestDatabase('leases');
    const previous = new DataSource({
      ...createDataSource({ url: db.url }).options,
      migrations: migrations.slice(0, 4),
    });
    const current = createDataSource({ url: db.url });
    try {
      await previous.initialize();
      await runMigrations(previous);
      await previous.query(
        `INSERT INTO peer_registry (peer_id, is_connected) VALUES ('on', true), ('off', false)`,
      );
      await current.initialize();
      await runMigrations(current);
      const leases = await current.query(
        `SELECT peer_id, reporter, round(extract(epoch from until - now()))::int AS seconds
         FROM peer_connections ORDER BY peer_id`,
      );
      expect(leases).toEqual([{ peer_id: 'on', reporter: '', seconds: 60 }]);
      await current.undoLastMigration({ transaction: 'each' });
      expect(
        await current.query(`SELECT peer_id, is_connected FROM peer_registry ORDER BY peer_id`),
      ).toEqual([
        { peer_id: 'off', is_connected: false },
        { peer_id: 'on', is_connected: true },
      ]);
    } finally {
      await Promise.all([previous.destroy(), current.destroy()]);
      await db.drop();
    }
  });
});

describe('connectDatabase', () => {
  it('opens the configured PostgreSQL with the schema in place', async () => {
    const db = await createTestDatabase('connect');
    try {
      const database = await connectDatabase({
        url: db.url,
        dataDir: '/nonexistent',
        applicationName: 'test',
      });
      expect(database.kind).toBe('postgres');
      const tables = await database.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual([
        'ban_event_outbox',
        'bans',
        'node_keys',
        'peer_bans',
        'peer_connections',
        'peer_registry',
        'peer_score_states',
        'peer_scores',
        'schema_migrations',
      ]);
      await database.close();
    } finally {
      await db.drop();
    }
  });

  it('names the server it could not reach, its setting and why, without the password', async () => {
    await expect(
      connectDatabase({
        url: 'postgres://teranode:secret@127.0.0.1:1/nope',
        dataDir: '/nonexistent',
        applicationName: 'test',
      }),
    ).rejects.toThrow(
      'the database at postgres://teranode:***@127.0.0.1:1/nope (DATABASE_URL) cannot be opened: nothing listens there, is PostgreSQL running? (connect ECONNREFUSED 127.0.0.1:1)',
    );
  });

  it("passes on the server's own refusal: a wrong password, a database that does not exist", async () => {
    const url = new URL(testPostgresUrl());
    url.password = 'wrong';
    await expect(
      connectDatabase({ url: url.toString(), dataDir: '/nonexistent', applicationName: 'test' }),
    ).rejects.toThrow(/cannot be opened: password authentication failed for user/);
    const missing = new URL(testPostgresUrl());
    missing.pathname = '/no_such_database_here';
    await expect(
      connectDatabase({
        url: missing.toString(),
        dataDir: '/nonexistent',
        applicationName: 'test',
      }),
    ).rejects.toThrow(
      /^the database at .*\/no_such_database_here \(DATABASE_URL\) cannot be opened: database "no_such_database_here" does not exist$/,
    );
  });
});
