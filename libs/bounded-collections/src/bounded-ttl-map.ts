export interface BoundedTtlMapOptions {
  /** Most entries held; setting one more evicts the oldest. */
  maxSize: number;
  /** How long an entry lives after it was last set, in milliseconds. */
  ttlMs: number;
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
}

/** What a map holds and what it has thrown away, for metrics. */
export interface BoundedTtlMapStats {
  size: number;
  /** Entries dropped because the map was full. */
  evictedForSize: number;
  /** Entries dropped because their time to live had passed. */
  expired: number;
}

interface Entry<K, V> {
  key: K;
  value: V;
  expiresAt: number;
  older?: Entry<K, V>;
  newer?: Entry<K, V>;
}

/**
 * A map with a size bound and a time to live. Entries are also chained from the oldest to the
 * newest (by the time they were last set), so eviction and sweeping are O(1) per removed
 * entry. (A JavaScript Map's own insertion order is no substitute: reading its first key after
 * many deletions from the front scans the deleted slots, which made eviction O(n).)
 */
export class BoundedTtlMap<K, V> {
  private readonly byKey = new Map<K, Entry<K, V>>();
  private oldest?: Entry<K, V>;
  private newest?: Entry<K, V>;
  private readonly now: () => number;
  private evictedForSize = 0;
  private expired = 0;

  constructor(private readonly options: BoundedTtlMapOptions) {
    if (!Number.isInteger(options.maxSize) || options.maxSize < 1)
      throw new RangeError(`maxSize must be a positive integer, got ${options.maxSize}`);
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be > 0, got ${options.ttlMs}`);
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Sets (or refreshes) an entry; it becomes the newest one. */
  set(key: K, value: V): void {
    const expiresAt = this.now() + this.options.ttlMs;
    let entry = this.byKey.get(key);
    if (entry) {
      this.unlink(entry);
      entry.value = value;
      entry.expiresAt = expiresAt;
    } else {
      entry = { key, value, expiresAt };
      this.byKey.set(key, entry);
    }
    this.append(entry);
    while (this.byKey.size > this.options.maxSize) {
      this.remove(this.oldest!);
      this.evictedForSize++;
    }
  }

  /** The live value, or undefined (an expired entry is removed and counted). */
  get(key: K): V | undefined {
    const entry = this.byKey.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(entry);
      this.expired++;
      return undefined;
    }
    return entry.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  delete(key: K): boolean {
    const entry = this.byKey.get(key);
    if (!entry) return false;
    this.remove(entry);
    return true;
  }

  /** The live entries, oldest first. */
  *entries(): IterableIterator<[K, V]> {
    const now = this.now();
    for (let entry = this.oldest; entry; entry = entry.newer) {
      if (entry.expiresAt > now) yield [entry.key, entry.value];
    }
  }

  /** Removes every expired entry; returns how many were removed. */
  sweep(): number {
    const now = this.now();
    let removed = 0;
    // Entries are chained by the time they were set, and every entry has the same TTL.
    while (this.oldest && this.oldest.expiresAt <= now) {
      this.remove(this.oldest);
      removed++;
    }
    this.expired += removed;
    return removed;
  }

  clear(): void {
    this.byKey.clear();
    this.oldest = undefined;
    this.newest = undefined;
  }

  stats(): BoundedTtlMapStats {
    return { size: this.byKey.size, evictedForSize: this.evictedForSize, expired: this.expired };
  }

  private remove(entry: Entry<K, V>): void {
    this.unlink(entry);
    this.byKey.delete(entry.key);
  }

  private append(entry: Entry<K, V>): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry<K, V>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}
