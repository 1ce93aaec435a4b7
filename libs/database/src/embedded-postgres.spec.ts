import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { connectDatabase } from './connect-database.js';
import { createDataSource } from './create-data-source.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { migrations } from './migrations/index.js';
import { runMigrations } from './run-migrations.js';
import { NodeKeyEntity } from './schema/node-key.entity.js';

describe('embedded PostgreSQL (PGlite over the wire protocol)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the migrations, keeps concurrent transactions apart and keeps data across restarts', async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    const ds = createDataSource({ url: first.url, poolSize: 4 });
    await ds.initialize();
    expect(await runMigrations(ds)).toHaveLength(migrations.length);

    // Two transactions on two connections interleaved: the rolled-back one leaves nothing.
    const committed = ds.transaction(async (tx) => {
      await tx.insert(NodeKeyEntity, {
        nodeName: 'a',
        privateKey: Buffer.from([1]),
        peerId: 'pa',
        createdAt: new Date(),
      });
      await new Promise((r) => setTimeout(r, 50));
    });
    const rolledBack = ds
      .transaction(async (tx) => {
        await tx.insert(NodeKeyEntity, {
          nodeName: 'b',
          privateKey: Buffer.from([2]),
          peerId: 'pb',
          createdAt: new Date(),
        });
        throw new Error('abort');
      })
      .catch((e: Error) => e.message);
    expect(await rolledBack).toBe('abort');
    await committed;
    expect((await ds.getRepository(NodeKeyEntity).find()).map((k) => k.nodeName)).toEqual(['a']);
    await ds.destroy();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    const again = createDataSource({ url: second.url });
    await again.initialize();
    expect(await runMigrations(again)).toEqual([]);
    const key = await again.getRepository(NodeKeyEntity).findOneByOrFail({ nodeName: 'a' });
    expect(key.privateKey.equals(Buffer.from([1]))).toBe(true);
    await again.destroy();
    await second.stop();
  }, 60_000);

  it('answers concurrent parameterized queries from many connections each with its own rows', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    const pool = new pg.Pool({ connectionString: server.url, max: 8 });
    try {
      // Eight connections at once, each statement of another shape: the unnamed prepared
      // statement of one connection must not be bound with another's parameters.
      // Every third statement fails at Bind (not a number): Postgres then skips that
      // connection's messages up to its Sync, which must not swallow another connection's.
      const answers = await Promise.all(
        Array.from({ length: 600 }, (_, i) => {
          const answer =
            i % 3 === 0
              ? pool.query('SELECT $1::int AS n', [`not a number ${i}`]).then(
                  () => `query ${i} should have failed`,
                  (error: Error) =>
                    error.message === `invalid input syntax for type integer: "not a number ${i}"`
                      ? true
                      : `query ${i}: ${error.message}`,
                )
              : i % 3 === 1
                ? pool
                    .query('SELECT $1::int AS n', [i])
                    .then((r) => (r.rows[0] as { n: number }).n === i || `query ${i}: wrong row`)
                : pool
                    .query('SELECT $1::text AS a, $2::text AS b', [`a${i}`, `b${i}`])
                    .then((r) => {
                      const row = r.rows[0] as { a: string; b: string };
                      return (row.a === `a${i}` && row.b === `b${i}`) || `query ${i}: wrong row`;
                    });
          return answer.catch((error: Error) => `query ${i}: ${error.message}`);
        }),
      );
      expect(answers.filter((answer) => answer !== true)).toEqual([]);
    } finally {
      await pool.end();
      await server.stop();
    }
  }, 60_000);

  it('is known as embedded when another process serves it over the wire', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      const database = await connectDatabase({
        url: server.url,
        dataDir: '/nonexistent',
        applicationName: 'test',
      });
      expect(database.kind).toBe('embedded');
      await database.close();
    } finally {
      await server.stop();
    }
  }, 60_000);
});
