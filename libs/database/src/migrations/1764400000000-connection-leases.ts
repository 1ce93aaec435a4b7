import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A peer counts as connected while some gossip-node reports it so, and only until a time:
 * each node that hears the peer or holds a connection to it keeps its own row here and pushes
 * its end forward, so the peers of a node that crashed, and authors nobody hears any more, stop
 * counting as connected (and become evictable) once nobody renews them, and one node losing a
 * peer does not end another node's connection to it. A peer connected before the migration
 * gets a minute, under no reporter.
 */
export class ConnectionLeases1764400000000 implements MigrationInterface {
  name = 'ConnectionLeases1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE peer_connections (
        peer_id text NOT NULL REFERENCES peer_registry (peer_id) ON DELETE CASCADE,
        reporter text NOT NULL,
        until timestamptz NOT NULL,
        PRIMARY KEY (peer_id, reporter)
      )`);
    await db.query(`CREATE INDEX peer_connections_until_idx ON peer_connections (until)`);
    await db.query(`
      INSERT INTO peer_connections (peer_id, reporter, until)
      SELECT peer_id, '', now() + interval '1 minute' FROM peer_registry WHERE is_connected`);
    await db.query(`ALTER TABLE peer_registry DROP COLUMN is_connected`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE peer_registry ADD COLUMN is_connected boolean NOT NULL DEFAULT false`,
    );
    await db.query(`
      UPDATE peer_registry r SET is_connected = true WHERE EXISTS (
        SELECT 1 FROM peer_connections c WHERE c.peer_id = r.peer_id AND c.until > now())`);
    await db.query(`DROP TABLE peer_connections`);
  }
}
