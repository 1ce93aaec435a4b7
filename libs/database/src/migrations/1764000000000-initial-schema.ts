import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE bans (
        cidr        cidr        PRIMARY KEY,
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        reason      text        NOT NULL DEFAULT '',
        source      text        NOT NULL CHECK (source IN ('manual', 'score'))
      )`);
    // GiST on inet_ops answers containment (cidr >>= address) without a scan.
    await db.query(`CREATE INDEX bans_cidr_gist_idx ON bans USING gist (cidr inet_ops)`);
    await db.query(`CREATE INDEX bans_expires_at_idx ON bans (expires_at)`);
    await db.query(`
      CREATE TABLE peer_bans (
        peer_id     text        PRIMARY KEY,
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        reason      text        NOT NULL DEFAULT '',
        source      text        NOT NULL CHECK (source IN ('manual', 'score'))
      )`);
    await db.query(`CREATE INDEX peer_bans_expires_at_idx ON peer_bans (expires_at)`);
    await db.query(`
      CREATE TABLE peer_scores (
        peer_id        text        PRIMARY KEY,
        score          integer     NOT NULL CHECK (score >= 0),
        banned_until   timestamptz NULL,
        last_update    timestamptz NOT NULL,
        recent_reasons jsonb       NOT NULL DEFAULT '[]'::jsonb
      )`);
    await db.query(`
      CREATE TABLE node_keys (
        node_name   text        PRIMARY KEY,
        private_key bytea       NOT NULL,
        peer_id     text        NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE node_keys`);
    await db.query(`DROP TABLE peer_scores`);
    await db.query(`DROP TABLE peer_bans`);
    await db.query(`DROP TABLE bans`);
  }
}
