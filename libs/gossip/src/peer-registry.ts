/** What the node knows about a peer from its gossip (reference-service.md §9.1). */
export interface PeerInfo {
  readonly peerId: string;
  height: number;
  /** The first height above 0 the peer reported (go-p2p's starting height). */
  startingHeight: number;
  blockHash: string;
  dataHubUrl: string;
  userAgent: string;
  clientName: string;
  /** Unix milliseconds of the last accepted message authored by this peer. */
  lastMessageAt: number;
}

export type PeerUpdate = Partial<Omit<PeerInfo, 'peerId' | 'startingHeight'>>;

/**
 * Bounded map of peers by peer ID. When full, the peer heard from least recently is evicted
 * (Map iteration order is kept as recency order by re-inserting on every update).
 */
export class PeerRegistry {
  private readonly peers = new Map<string, PeerInfo>();
  private evictedCount = 0;

  constructor(readonly maxPeers: number) {
    if (!Number.isInteger(maxPeers) || maxPeers < 1)
      throw new Error('maxPeers must be a positive integer');
  }

  get size(): number {
    return this.peers.size;
  }

  /** How many peers were dropped to respect the bound. */
  get evicted(): number {
    return this.evictedCount;
  }

  get(peerId: string): PeerInfo | undefined {
    return this.peers.get(peerId);
  }

  /** Adds the peer if absent, applies the non-undefined fields, marks it most recent. */
  update(peerId: string, update: PeerUpdate): PeerInfo {
    const current = this.peers.get(peerId) ?? {
      peerId,
      height: 0,
      startingHeight: 0,
      blockHash: '',
      dataHubUrl: '',
      userAgent: '',
      clientName: '',
      lastMessageAt: 0,
    };
    for (const [key, value] of Object.entries(update)) {
      if (value !== undefined) (current as unknown as Record<string, unknown>)[key] = value;
    }
    if (current.startingHeight === 0 && current.height > 0) current.startingHeight = current.height;
    this.peers.delete(peerId);
    this.peers.set(peerId, current);
    while (this.peers.size > this.maxPeers) {
      const oldest = this.peers.keys().next().value as string;
      this.peers.delete(oldest);
      this.evictedCount++;
    }
    return current;
  }

  remove(peerId: string): boolean {
    return this.peers.delete(peerId);
  }

  all(): PeerInfo[] {
    return [...this.peers.values()];
  }
}
