import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A ban of a libp2p peer ID, made by an operator or by reaching the score threshold. */
@Entity({ name: 'peer_bans' })
export class PeerBanEntity {
  @PrimaryColumn({ name: 'peer_id', type: 'text' })
  peerId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Index('peer_bans_expires_at_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text', default: '' })
  reason!: string;

  @Column({ type: 'text' })
  source!: 'manual' | 'score';
}
