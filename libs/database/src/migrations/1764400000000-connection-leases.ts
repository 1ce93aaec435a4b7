import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A peer counts as connected until a time, not for ever: every gossip-node that hears the peer
 * or holds a connection to it pushes connected_until forward, so the peers of a node that
 * crashed, and authors nobody hears any more, stop counting as connected (and become
 * evictable) once nobody renews them. A peer connected before the migration gets a minute.
 */
export class ConnectionLeases1764400000000 implements MigrationInterface {
  name = 'ConnectionLeases1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE peer_registry ADD COLUMN connected_until timestamptz NULL`);
    await db.query(
      `UPDATE peer_registry SET connected_until = now() + interval '1 minute' WHERE is_connected`,
    );
    await db.query(`ALTER TABLE peer_registry DROP COLUMN is_connected`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE peer_registry ADD COLUMN is_connected boolean NOT NULL DEFAULT false`,
    );
    await db.query(
      `UPDATE peer_registry SET is_connected = coalesce(connected_until > now(), false)`,
    );
    await db.query(`ALTER TABLE peer_registry DROP COLUMN connected_until`);
  }
}
