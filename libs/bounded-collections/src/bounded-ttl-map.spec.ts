import { describe, expect, it } from '@jest/globals';
import { BoundedTtlMap } from './bounded-ttl-map.js';

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('BoundedTtlMap', () => {
  it('returns what was set until the time to live has passed', () => {
    const c = clock();
    const map = new BoundedTtlMap<string, string>({ maxSize: 10, ttlMs: 100, now: c.now });
    map.set('a', 'peer-1');
    c.advance(99);
    expect(map.get('a')).toBe('peer-1');
    c.advance(1);
    expect(map.get('a')).toBeUndefined();
    expect(map.stats()).toEqual({ size: 0, evictedForSize: 0, expired: 1 });
  });

  it('lists the live entries, oldest first', () => {
    const c = clock();
    const map = new BoundedTtlMap<string, number>({ maxSize: 10, ttlMs: 100, now: c.now });
    map.set('a', 1);
    c.advance(50);
    map.set('b', 2);
    map.set('c', 3);
    map.set('b', 4);
    expect([...map.entries()]).toEqual([
      ['a', 1],
      ['c', 3],
      ['b', 4],
    ]);
    c.advance(50);
    expect([...map.entries()]).toEqual([
      ['c', 3],
      ['b', 4],
    ]);
  });

  it('evicts the oldest entry when full and counts it', () => {
    const map = new BoundedTtlMap<string, number>({ maxSize: 2, ttlMs: 1_000 });
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBe(2);
    expect(map.get('c')).toBe(3);
    expect(map.stats()).toEqual({ size: 2, evictedForSize: 1, expired: 0 });
  });

  it('setting an existing key refreshes it: it becomes the newest and lives a full TTL again', () => {
    const c = clock();
    const map = new BoundedTtlMap<string, number>({ maxSize: 2, ttlMs: 100, now: c.now });
    map.set('a', 1);
    map.set('b', 2);
    c.advance(60);
    map.set('a', 10);
    map.set('c', 3); // evicts b, the oldest now
    expect(map.get('b')).toBeUndefined();
    c.advance(60);
    expect(map.get('a')).toBe(10);
    expect(map.size).toBe(2);
  });

  it('sweep removes exactly the expired entries and counts them', () => {
    const c = clock();
    const map = new BoundedTtlMap<number, number>({ maxSize: 100, ttlMs: 50, now: c.now });
    for (let i = 0; i < 5; i++) map.set(i, i);
    c.advance(30);
    for (let i = 5; i < 8; i++) map.set(i, i);
    c.advance(20);
    expect(map.sweep()).toBe(5);
    expect(map.size).toBe(3);
    expect(map.has(5)).toBe(true);
    expect(map.stats().expired).toBe(5);
  });

  it('delete and clear remove entries without counting them as evictions', () => {
    const map = new BoundedTtlMap<string, number>({ maxSize: 5, ttlMs: 10 });
    map.set('a', 1);
    map.set('b', 2);
    expect(map.delete('a')).toBe(true);
    expect(map.delete('a')).toBe(false);
    map.clear();
    expect(map.stats()).toEqual({ size: 0, evictedForSize: 0, expired: 0 });
  });

  it('never holds more than maxSize entries under a stream of distinct keys', () => {
    const map = new BoundedTtlMap<number, number>({ maxSize: 1_000, ttlMs: 60_000 });
    for (let i = 0; i < 10_000; i++) map.set(i, i);
    expect(map.size).toBe(1_000);
    expect(map.stats().evictedForSize).toBe(9_000);
    expect(map.get(9_999)).toBe(9_999);
    expect(map.get(8_999)).toBeUndefined();
  });

  it.each([
    [{ maxSize: 0, ttlMs: 1 }, 'maxSize must be a positive integer, got 0'],
    [{ maxSize: 1.5, ttlMs: 1 }, 'maxSize must be a positive integer, got 1.5'],
    [{ maxSize: 1, ttlMs: 0 }, 'ttlMs must be > 0, got 0'],
  ])('refuses bad bounds %j', (options, message) => {
    expect(() => new BoundedTtlMap(options)).toThrow(message);
  });
});

describe('BoundedTtlMap at scale', () => {
  it('evicts in constant time: 400,000 distinct keys through a 100,000-entry map stay fast', () => {
    const map = new BoundedTtlMap<string, string>({ maxSize: 100_000, ttlMs: 60_000 });
    const started = performance.now();
    for (let i = 0; i < 400_000; i++) map.set(i.toString(16).padStart(64, '0'), 'peer');
    const elapsedMs = performance.now() - started;
    expect(map.size).toBe(100_000);
    expect(map.stats().evictedForSize).toBe(300_000);
    // O(n) eviction (a Map's first key after front deletions) took over 10 s here.
    expect(elapsedMs).toBeLessThan(3_000);
  });
});
