import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teranode's peer registry (reference-peer-registry.md §2), one row per peer, shared by every
 * gossip-node replica. The ban fields are not stored: reads take them from peer_bans and
 * peer_scores, so the registry mirrors the ban authority instead of copying it.
 */
export class PeerRegistry1764300000000 implements MigrationInterface {
  name = 'PeerRegistry1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE peer_registry (
        peer_id text PRIMARY KEY,
        transport text NOT NULL DEFAULT 'http',
        client_name text NOT NULL DEFAULT '',
        height bigint NOT NULL DEFAULT 0,
        block_hash text NULL,
        data_hub_url text NOT NULL DEFAULT '',
        network_address text NOT NULL DEFAULT '',
        storage text NOT NULL DEFAULT '',
        bytes_sent numeric(20) NOT NULL DEFAULT 0,
        bytes_received numeric(20) NOT NULL DEFAULT 0,
        interaction_attempts bigint NOT NULL DEFAULT 0,
        interaction_successes bigint NOT NULL DEFAULT 0,
        interaction_failures bigint NOT NULL DEFAULT 0,
        malicious_count bigint NOT NULL DEFAULT 0,
        last_interaction_attempt timestamptz NULL,
        last_interaction_success timestamptz NULL,
        last_interaction_failure timestamptz NULL,
        reputation_score double precision NOT NULL DEFAULT 50,
        avg_response_time_ms double precision NOT NULL DEFAULT 0,
        connected_at timestamptz NULL,
        last_message_time timestamptz NULL,
        last_seen timestamptz NULL,
        is_connected boolean NOT NULL DEFAULT false,
        last_block_time timestamptz NULL,
        blocks_received bigint NOT NULL DEFAULT 0,
        subtrees_received bigint NOT NULL DEFAULT 0,
        transactions_received bigint NOT NULL DEFAULT 0,
        catchup_blocks bigint NOT NULL DEFAULT 0,
        last_sync_attempt timestamptz NULL,
        sync_attempt_count integer NOT NULL DEFAULT 0,
        last_reputation_reset timestamptz NULL,
        reputation_reset_count integer NOT NULL DEFAULT 0,
        last_catchup_error text NOT NULL DEFAULT '',
        last_catchup_error_time timestamptz NULL
      )`);
    await db.query(
      `CREATE INDEX peer_registry_reputation_idx ON peer_registry (reputation_score DESC)`,
    );
    await db.query(
      `CREATE INDEX peer_registry_activity_idx ON peer_registry (GREATEST(last_seen, last_message_time))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE peer_registry`);
  }
}
