import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A gossip node's Ed25519 identity, generated once and reused on every restart. The migrations
 * declare the table; this mirrors it for gossip-node's key store (test/migrations.spec.ts checks).
 */
@Entity({ name: 'node_keys' })
export class NodeKeyEntity {
  @PrimaryColumn({ name: 'node_name', type: 'text' })
  nodeName!: string;

  /** libp2p protobuf-encoded private key. */
  @Column({ name: 'private_key', type: 'bytea' })
  privateKey!: Buffer;

  @Column({ name: 'peer_id', type: 'text' })
  peerId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
