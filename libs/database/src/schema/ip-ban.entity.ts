import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An IP or subnet ban, stored as its canonical CIDR. */
@Entity({ name: 'bans' })
export class IpBanEntity {
  @PrimaryColumn({ type: 'cidr' })
  cidr!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Index('bans_expires_at_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text', default: '' })
  reason!: string;

  @Column({ type: 'text' })
  source!: 'manual' | 'score';
}
