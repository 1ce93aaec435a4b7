import type { Connection } from '@libp2p/interface';
import { Logger } from '@nestjs/common';
import type { PeerRegistry } from '@teranode-p2p/gossip';
import type { Libp2pHost } from '../host/create-libp2p-host.js';

/**
 * Connection water marks (libp2p 3 only has a hard maximum): once the node is connected to
 * `highWater` peers, the least useful ones are closed until `lowWater` remain. Least useful =
 * not a static peer, then heard from least recently (never heard first), then newest
 * connection first — long-lived peers that gossip are kept.
 */
export class ConnectionTrimmer {
  private readonly log = new Logger('GossipNode');

  constructor(
    private readonly host: Libp2pHost,
    private readonly lowWater: number,
    private readonly highWater: number,
    private readonly peers: PeerRegistry,
    private readonly protectedPeers: () => Set<string>,
  ) {}

  start(): void {
    this.host.addEventListener('connection:open', this.check);
  }

  stop(): void {
    this.host.removeEventListener('connection:open', this.check);
  }

  private readonly check = (): void => {
    const byPeer = new Map<string, Connection[]>();
    for (const connection of this.host.getConnections()) {
      if (connection.status !== 'open') continue;
      const id = connection.remotePeer.toString();
      byPeer.set(id, [...(byPeer.get(id) ?? []), connection]);
    }
    if (byPeer.size < this.highWater) return;
    const keep = this.protectedPeers();
    const candidates = [...byPeer]
      .filter(([id]) => !keep.has(id))
      .map(([id, connections]) => ({
        id,
        connections,
        heard: this.peers.get(id)?.lastMessageAt ?? 0,
        opened: Math.min(...connections.map((c) => c.timeline.open)),
      }))
      .sort((a, b) => a.heard - b.heard || b.opened - a.opened);
    const excess = byPeer.size - this.lowWater;
    const closing = candidates.slice(0, Math.max(0, excess));
    if (closing.length === 0) return;
    this.log.log(
      `${byPeer.size} peers reached p2p_conn_high_water ${this.highWater}: closing ${closing.length} to get to p2p_conn_low_water ${this.lowWater}`,
    );
    for (const { connections } of closing) {
      for (const connection of connections)
        void connection.close().catch(() => connection.abort(new Error('trimmed')));
    }
  };
}
