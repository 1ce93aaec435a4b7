import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ban-service's transactional outbox: each ban change writes its BanEvent here in the same
 * transaction as the change, and a publisher moves the rows to Kafka in id order. A change is
 * therefore published even when Kafka is down at that moment or the process is killed.
 */
export class BanEventOutbox1764100000000 implements MigrationInterface {
  name = 'BanEventOutbox1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ban_event_outbox (
        id          bigserial   PRIMARY KEY,
        event_key   text        NOT NULL,
        event       bytea       NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ban_event_outbox`);
  }
}
