import type { DataSource } from 'typeorm';

// Any constant works; it only has to be the same for every replica of every service.
const MIGRATION_LOCK_ID = 0x7032_7030;

/**
 * Brings the schema up to date. Replicas starting together serialise on an advisory lock, so
 * the second one finds the migrations applied instead of failing on existing tables.
 * Returns the names of the migrations this call applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.release();
  }
}
