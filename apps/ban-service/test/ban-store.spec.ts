import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scorePolicy } from '@teranode-p2p/ban-rules';
import { connectDatabase, type Database } from '@teranode-p2p/database';
import { createTestDatabase, type TestDatabase } from '@teranode-p2p/testing';
import { BanStore } from '../src/persistence/ban-store.js';

// The store on a real PostgreSQL, below the gRPC layer: the outbox bound.
describe('BanStore outbox bound', () => {
  let testDb: TestDatabase;
  let database: Database;
  let store: BanStore;

  beforeAll(async () => {
    testDb = await createTestDatabase('ban');
    database = await connectDatabase({
      url: testDb.url,
      dataDir: '/nonexistent',
      applicationName: 'test',
    });
    store = new BanStore(
      database.dataSource,
      { maxEntries: 100, maxTrackedPeers: 100 },
      scorePolicy({
        threshold: 100,
        banDurationMs: 60_000,
        decayIntervalMs: 60_000,
        decayAmount: 1,
        maxReasons: 5,
      }),
    );
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('keeps the newest events when trimmed, and says how many went', async () => {
    const now = Date.now();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const committed = await store.ban(
        {
          kind: 'ip',
          value: `10.70.0.${i}/32`,
          createdAtMs: now,
          expiresAtMs: now + 60_000,
          reason: '',
          source: 'manual',
        },
        'refuse-existing',
      );
      ids.push(...committed.events.map((e) => e.id));
    }
    expect(await store.outboxSize()).toBe(5);
    expect(await store.trimOutbox(2)).toBe(3);
    const left = await database.dataSource.query<{ id: string }[]>(
      'SELECT id FROM ban_event_outbox ORDER BY id',
    );
    expect(left.map((r) => String(r.id))).toEqual(ids.slice(3));
    expect(await store.trimOutbox(2)).toBe(0);
  });
});
