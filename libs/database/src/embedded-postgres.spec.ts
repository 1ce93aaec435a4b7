import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
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
});
