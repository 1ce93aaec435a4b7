/** Our gossip-node, Teranode's Go peer, or bare js-libp2p (libp2p-runner.ts: the floor of any Node.js peer). */
export type Implementation = 'ours' | 'go' | 'libp2p';
export type Population = Implementation | 'mixed';

/** A deterministic generator (mulberry32): the same seed gives the same network. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedNode {
  index: number;
  implementation: Implementation;
  /** Nodes this one dials (indexes), each through its own proxy. */
  dials: number[];
}

/** A directed link: `from` dials `to` through one Toxiproxy proxy. */
export interface PlannedLink {
  name: string;
  from: number;
  to: number;
}

export interface Topology {
  /** In start order: a node dials only nodes started before it. */
  nodes: PlannedNode[];
  links: PlannedLink[];
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * N nodes of the population (mixed: half ours, half Go, placed by the seed), started in index
 * order; each dials `k` random nodes among those started before it (all of them while fewer
 * than `k` are up). Dialling only started nodes keeps every link: the Go peer dials its
 * `-connect` peers once, at start, with no retry (go-p2p-message-bus has no connect call).
 */
export function planTopology(
  count: number,
  population: Population,
  k: number,
  seed: number,
): Topology {
  if (count < 2) throw new Error(`a network needs at least 2 nodes, not ${count}`);
  if (k < 1) throw new Error(`each node must dial at least 1 other, not ${k}`);
  const random = seededRandom(seed);
  const implementations: Implementation[] =
    population === 'mixed'
      ? shuffle(
          Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 'ours' : 'go')),
          random,
        )
      : Array.from({ length: count }, () => population);
  const nodes: PlannedNode[] = implementations.map((implementation, index) => ({
    index,
    implementation,
    dials: shuffle(
      Array.from({ length: index }, (_, i) => i),
      random,
    )
      .slice(0, k)
      .sort((a, b) => a - b),
  }));
  const links = nodes.flatMap((node) =>
    node.dials.map((to) => ({ name: `n${node.index}-n${to}`, from: node.index, to })),
  );
  return { nodes, links };
}
