import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface RecordedReason {
  reason: string;
  points: number;
  /** Unix seconds. */
  at: number;
}

/** A peer's misbehaviour score as of last_update (decay is applied from there on read). */
@Entity({ name: 'peer_scores' })
export class PeerScoreEntity {
  @PrimaryColumn({ name: 'peer_id', type: 'text' })
  peerId!: string;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ name: 'banned_until', type: 'timestamptz', nullable: true })
  bannedUntil!: Date | null;

  @Column({ name: 'last_update', type: 'timestamptz' })
  lastUpdate!: Date;

  /** The most recent reasons, oldest first; bounded by the ban service. */
  @Column({ name: 'recent_reasons', type: 'jsonb', default: () => "'[]'::jsonb" })
  recentReasons!: RecordedReason[];
}
