import { describe, expect, it } from '@jest/globals';
import { LatestByKey } from './latest-by-key.js';

describe('LatestByKey', () => {
  it('keeps the latest value per key, oldest update first', () => {
    const map = new LatestByKey<number>(3);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    expect([...map.values()]).toEqual([2, 3]);
  });

  it('evicts the key updated longest ago beyond the bound and counts it', () => {
    const map = new LatestByKey<string>(2);
    map.set('a', 'a1');
    map.set('b', 'b1');
    map.set('a', 'a2');
    map.set('c', 'c1');
    expect([...map.values()]).toEqual(['a2', 'c1']);
    expect(map.size).toBe(2);
    expect(map.evicted).toBe(1);
  });

  it('answers whether it holds a key and iterates keys with values, oldest update first', () => {
    const map = new LatestByKey<number>(3);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    expect(map.has('a')).toBe(true);
    expect(map.has('c')).toBe(false);
    expect([...map]).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
  });

  it('refuses a bound below 1', () => {
    expect(() => new LatestByKey(0)).toThrow(RangeError);
  });
});
