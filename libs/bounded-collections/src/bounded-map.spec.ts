import { describe, expect, it } from '@jest/globals';
import { BoundedMap } from './bounded-map.js';

describe('BoundedMap', () => {
  it('keeps the latest value per key, oldest set first', () => {
    const map = new BoundedMap<string, number>(3);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    expect([...map.values()]).toEqual([2, 3]);
    expect([...map.keys()]).toEqual(['b', 'a']);
  });

  it('evicts the key set longest ago beyond the bound, counts it and hands it over', () => {
    const evicted: [string, string][] = [];
    const map = new BoundedMap<string, string>(2, (key, value) => evicted.push([key, value]));
    map.set('a', 'a1');
    map.set('b', 'b1');
    map.set('a', 'a2');
    map.set('c', 'c1');
    expect([...map]).toEqual([
      ['a', 'a2'],
      ['c', 'c1'],
    ]);
    expect(map.size).toBe(2);
    expect(map.evicted).toBe(1);
    expect(evicted).toEqual([['b', 'b1']]);
  });

  it('reads without reordering (get) or as a use that keeps the key longest (touch)', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect(map.has('a')).toBe(false);
    expect(map.touch('b')).toBe(2);
    map.set('d', 4);
    expect([...map.keys()]).toEqual(['b', 'd']);
    expect(map.touch('zz')).toBeUndefined();
  });

  it('deletes a key without counting an eviction', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    expect(map.delete('a')).toBe(true);
    expect(map.delete('a')).toBe(false);
    expect(map.size).toBe(0);
    expect(map.evicted).toBe(0);
  });

  it('refuses a bound below 1', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
    expect(() => new BoundedMap(1.5)).toThrow(RangeError);
  });
});
