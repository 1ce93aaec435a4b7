import { describe, expect, it } from '@jest/globals';
import { planAssignment } from './subscription-round-robin.js';

const partitions =
  (counts: Record<string, number>) =>
  (topic: string): number[] =>
    Array.from({ length: counts[topic] ?? 0 }, (_, i) => i);

describe('planAssignment', () => {
  it('gives each topic only to the members subscribing to it', () => {
    const plan = planAssignment(
      [
        { memberId: 'b', topics: ['blocks-node-b'] },
        { memberId: 'a', topics: ['blocks-node-a'] },
      ],
      partitions({ 'blocks-node-a': 1, 'blocks-node-b': 1 }),
    );
    expect(Object.fromEntries(plan)).toEqual({
      a: { 'blocks-node-a': [0] },
      b: { 'blocks-node-b': [0] },
    });
  });

  it('spreads the partitions of a shared topic round-robin in member-id order', () => {
    const plan = planAssignment(
      [
        { memberId: 'm2', topics: ['events'] },
        { memberId: 'm1', topics: ['events'] },
        { memberId: 'm3', topics: ['events'] },
      ],
      partitions({ events: 7 }),
    );
    expect(Object.fromEntries(plan)).toEqual({
      m1: { events: [0, 3, 6] },
      m2: { events: [1, 4] },
      m3: { events: [2, 5] },
    });
  });

  it('spreads mixed subscriptions over the members that have them', () => {
    const plan = planAssignment(
      [
        { memberId: 'a', topics: ['x', 'y'] },
        { memberId: 'b', topics: ['y'] },
        { memberId: 'c', topics: ['x'] },
      ],
      partitions({ x: 3, y: 3 }),
    );
    expect(Object.fromEntries(plan)).toEqual({
      a: { x: [0, 2], y: [1] },
      b: { y: [0, 2] },
      c: { x: [1] },
    });
  });

  it('lists a member with nothing to read, and a topic without partitions assigns nothing', () => {
    const plan = planAssignment(
      [
        { memberId: 'a', topics: ['one'] },
        { memberId: 'b', topics: ['one'] },
        { memberId: 'c', topics: ['missing'] },
      ],
      partitions({ one: 1 }),
    );
    expect(Object.fromEntries(plan)).toEqual({ a: { one: [0] }, b: {}, c: {} });
  });
});
