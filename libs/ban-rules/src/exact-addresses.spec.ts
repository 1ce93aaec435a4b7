import { describe, expect, it } from '@jest/globals';
import { ExactAddresses } from './exact-addresses.js';

/** A tiny deterministic generator, so a failure replays. */
function generator(seed: number) {
  return () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed;
  };
}

describe('ExactAddresses', () => {
  it.each([1, 4] as const)(
    'agrees with a Map through 20,000 random sets, gets and deletes (%i-word keys, growing and shrinking)',
    (wordCount) => {
      const next = generator(wordCount);
      const table = new ExactAddresses<number>(wordCount);
      const model = new Map<string, number>();
      // A small key space, so that keys collide, repeat and are deleted while others sit
      // further along their probe run.
      const key = () =>
        Array.from({ length: wordCount }, (_, w) => (w === 0 ? next() % 3000 : 7) >>> 0);
      for (let step = 0; step < 20_000; step++) {
        const words = key();
        const name = words.join('.');
        const roll = next() % 10;
        // Phases: mostly inserts, then mostly deletes (shrinks the table), then mixed.
        const phase = Math.floor(step / 5000);
        if (roll < (phase === 1 ? 2 : 6)) {
          expect(table.set(words, step)).toBe(model.get(name));
          model.set(name, step);
        } else if (roll < 9) {
          expect(table.delete(words)).toBe(model.get(name));
          model.delete(name);
        } else {
          expect(table.get(words)).toBe(model.get(name));
        }
        expect(table.size).toBe(model.size);
      }
      for (const [name, value] of model) expect(table.get(name.split('.').map(Number))).toBe(value);
      expect([...table.values()].sort((a, b) => a - b)).toEqual(
        [...model.values()].sort((a, b) => a - b),
      );
    },
  );

  it('keeps full 32-bit words apart (the high bit set, and words that differ only there)', () => {
    const table = new ExactAddresses<string>(4);
    table.set([0xffffffff, 0, 0, 1], 'high');
    table.set([0x7fffffff, 0, 0, 1], 'low');
    expect(table.get([0xffffffff, 0, 0, 1])).toBe('high');
    expect(table.get([0x7fffffff, 0, 0, 1])).toBe('low');
    expect(table.get([0xffffffff, 0, 0, 2])).toBeUndefined();
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get([0xffffffff, 0, 0, 1])).toBeUndefined();
  });
});
