import { BoundedMap } from '@teranode-p2p/bounded-collections';

/** Most gossip nodes of ours (identities sharing one p2p.events topic) the greeting puts first. */
export const OUR_NODES_MAX = 64;

/**
 * What a new client gets first: the latest node_status of every known node, those of our own
 * gossip nodes (the nodes that receive the events) before the others, as Teranode greets a
 * client with its own node's status (reference-service.md §5); within each group the node
 * heard from longest ago first. Concatenated once and shared until a status or a node changes.
 */
export class NodeStatusGreeting {
  private readonly statuses: BoundedMap<string, Buffer>;
  private readonly ourNodes = new BoundedMap<string, true>(OUR_NODES_MAX);
  private cached: { frames: Buffer; count: number } | undefined;

  constructor(maxNodes: number) {
    this.statuses = new BoundedMap(maxNodes);
  }

  /** The latest node_status frame of `node`. */
  set(node: string, frame: Buffer): void {
    this.statuses.set(node, frame);
    this.cached = undefined;
  }

  /** `peerId` received an event: it is one of our gossip nodes. */
  noteOurNode(peerId: string): void {
    if (peerId === '') return;
    const known = this.ourNodes.has(peerId);
    this.ourNodes.set(peerId, true);
    if (!known) this.cached = undefined;
  }

  frames(): { frames: Buffer; count: number } {
    if (!this.cached) {
      const ours: Buffer[] = [];
      const others: Buffer[] = [];
      for (const [node, frame] of this.statuses)
        (this.ourNodes.has(node) ? ours : others).push(frame);
      const all = [...ours, ...others];
      this.cached = { frames: Buffer.concat(all), count: all.length };
    }
    return this.cached;
  }

  /** Nodes whose status is kept, nodes forgotten for the bound, and our gossip nodes known. */
  stats(): { nodes: number; evicted: number; ourNodes: number } {
    const { statuses, ourNodes } = this;
    return { nodes: statuses.size, evicted: statuses.evicted, ourNodes: ourNodes.size };
  }
}
