import { describe, expect, it } from '@jest/globals';
import { Collector, type NodeFacts } from './collector.js';
import type { Implementation } from './topology.js';

const node = (
  index: number,
  implementation: Implementation,
  up: NodeFacts['up'] = [{ from: 0 }],
): NodeFacts => ({
  index,
  implementation,
  up,
  cpuSeconds: 2,
  peakRssBytes: 1_048_576,
  bytesIn: 600,
  bytesOut: 400,
  duplicates: 4,
  mesh: [[100_000, 3]],
  peers: [
    [98_000, 1],
    [100_000, 4],
    [105_000, 6],
  ],
});
const base = {
  population: 'mixed' as const,
  round: 0,
  nodes: 3,
  links: 2,
  directConnections: 0,
  faults: [],
  machine: { loadMean: 1, loadMax: 1, nodeCores: 0.1 },
};

describe('Collector', () => {
  it('measures delivery and publish → last node per direction, first deliveries only', () => {
    const c = new Collector();
    c.published({ id: 'a', kind: 'block', publisher: 0, t: 100_000 });
    c.published({ id: 'a', kind: 'block', publisher: 0, t: 100_010 }); // the node's own time
    c.delivered('a', 1, 100_050);
    c.delivered('a', 1, 100_900); // a later copy does not count
    c.delivered('a', 2, 100_080);
    c.delivered('startup-status', 1, 99_000); // not a workload publication
    const nodes = [node(0, 'ours'), node(1, 'ours'), node(2, 'go')];
    const result = c.result(base, nodes, { from: 99_000, to: 110_000 });
    expect(result.directions).toEqual([
      expect.objectContaining({
        direction: 'ours→go',
        kind: 'block',
        expected: 1,
        delivered: 1,
        ratio: 1,
      }),
      expect.objectContaining({ direction: 'ours→ours', kind: 'block', expected: 1, delivered: 1 }),
    ]);
    expect(result.directions[0]!.propagationMs.max).toBe(70);
    expect(result.directions[1]!.propagationMs.max).toBe(40);
    expect(result.perNode[1]).toMatchObject({
      delivered: 1,
      duplicatesPerMessage: 4,
      bytesPerMessage: 1000,
    });
    // Connected peers are averaged over the workload's samples only (98 s is before it).
    expect(result.summary.find((s) => s.implementation === 'ours')).toMatchObject({
      connectedPeers: 5,
    });
  });

  it('expects nothing of a node that was down while a message was gossiped, and counts what is missing', () => {
    const c = new Collector();
    c.published({ id: 'a', kind: 'subtree', publisher: 0, t: 100_000 });
    c.published({ id: 'b', kind: 'subtree', publisher: 0, t: 200_000 });
    c.delivered('a', 1, 100_100);
    const down = [{ from: 0, to: 150_000 }, { from: 160_000 }];
    const nodes = [node(0, 'go'), node(1, 'go'), node(2, 'go', down)];
    const [d] = c.result(base, nodes, { from: 0, to: 300_000 }).directions;
    // a: nodes 1 and 2 expected, 1 got it; b: 1 and 2 expected (2 up again for 40 s), none got it.
    expect(d).toMatchObject({ expected: 4, delivered: 1, ratio: 0.25 });
    expect(d!.propagationMs.count).toBe(0);
  });

  it('leaves out what a node published in its first seconds after a restart', () => {
    const c = new Collector();
    c.published({ id: 'early', kind: 'block', publisher: 0, t: 101_000 });
    c.published({ id: 'later', kind: 'block', publisher: 0, t: 110_000 });
    const nodes = [node(0, 'ours', [{ from: 0, to: 90_000 }, { from: 100_000 }]), node(1, 'ours')];
    const result = c.result(base, nodes, { from: 0, to: 200_000 });
    expect(result.published.block).toBe(1);
    expect(result.directions[0]).toMatchObject({ messages: 1, expected: 1, delivered: 0 });
  });
});
