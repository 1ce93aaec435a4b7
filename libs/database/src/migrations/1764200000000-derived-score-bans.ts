import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A score ban is stored once, as the peer's peer_bans row with source 'score';
 * peer_scores.banned_until goes, and the view peer_score_states derives it. The join wants
 * the ban to end after the score's last update: a peer forgotten when its ban ended starts a
 * new score at or after that end, so a score ban row not yet swept does not ban it again.
 */
export class DerivedScoreBans1764200000000 implements MigrationInterface {
  name = 'DerivedScoreBans1764200000000';

  async up(db: QueryRunner): Promise<void> {
    // A banned_until without its score ban row: the ban ended (scores were forgotten then,
    // the rows only waited for the sweep) or a longer manual ban held the peer already.
    await db.query(`
      DELETE FROM peer_scores s WHERE banned_until IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM peer_bans b
        WHERE b.peer_id = s.peer_id AND b.source = 'score' AND b.expires_at > s.last_update)`);
    await db.query(`ALTER TABLE peer_scores DROP COLUMN banned_until`);
    await db.query(`
      CREATE VIEW peer_score_states AS
        SELECT s.peer_id, s.score, b.expires_at AS banned_until, s.last_update, s.recent_reasons
        FROM peer_scores s LEFT JOIN peer_bans b
          ON b.peer_id = s.peer_id AND b.source = 'score' AND b.expires_at > s.last_update`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE peer_scores ADD COLUMN banned_until timestamptz NULL`);
    await db.query(`
      UPDATE peer_scores s SET banned_until = v.banned_until
      FROM peer_score_states v WHERE v.peer_id = s.peer_id`);
    await db.query(`DROP VIEW peer_score_states`);
  }
}
