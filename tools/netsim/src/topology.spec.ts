import { describe, expect, it } from '@jest/globals';
import { planTopology } from './topology.js';

describe('planTopology', () => {
  it('gives the same network for the same seed and another for another seed', () => {
    expect(planTopology(20, 'mixed', 6, 7)).toEqual(planTopology(20, 'mixed', 6, 7));
    expect(planTopology(20, 'mixed', 6, 7)).not.toEqual(planTopology(20, 'mixed', 6, 8));
  });

  it('has each node dial k distinct nodes started before it, one link each', () => {
    const { nodes, links } = planTopology(20, 'ours', 6, 1);
    for (const node of nodes) {
      expect(node.dials).toHaveLength(Math.min(6, node.index));
      expect(new Set(node.dials).size).toBe(node.dials.length);
      expect(node.dials.every((to) => to < node.index)).toBe(true);
    }
    expect(links).toHaveLength(nodes.reduce((sum, n) => sum + n.dials.length, 0));
  });

  it('makes half of a mixed network Go nodes and none of a pure one', () => {
    const mixed = planTopology(8, 'mixed', 3, 3).nodes;
    expect(mixed.filter((n) => n.implementation === 'go')).toHaveLength(4);
    expect(planTopology(8, 'ours', 3, 3).nodes.every((n) => n.implementation === 'ours')).toBe(
      true,
    );
    expect(planTopology(8, 'libp2p', 3, 3).nodes.every((n) => n.implementation === 'libp2p')).toBe(
      true,
    );
  });

  it('refuses a network of one node and k below 1', () => {
    expect(() => planTopology(1, 'ours', 6, 1)).toThrow('at least 2 nodes');
    expect(() => planTopology(5, 'ours', 0, 1)).toThrow('at least 1');
  });
});
