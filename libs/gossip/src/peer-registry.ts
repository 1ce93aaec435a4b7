import { BoundedMap } from '@teranode-p2p/bounded-collections';

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

/** Bounded map of peers by peer ID. When full, the peer heard from least recently is evicted. */
export class PeerRegistry {
  private readonly peers: BoundedMap<string, PeerInfo>;

  constructor(readonly maxPeers: number) {
    this.peers = new BoundedMap(maxPeers);
  }

  get size(): number {
    return this.peers.size;
  }

  /** How many peers were dropped to respect the bound. */
  get evicted(): number {
    return this.peers.evicted;
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
    this.peers.set(peerId, current);
    return current;
  }

  remove(peerId: string): boolean {
    return this.peers.delete(peerId);
  }

  all(): PeerInfo[] {
    return [...this.peers.values()];
  }
}
