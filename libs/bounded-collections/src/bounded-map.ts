/**
 * A map of at most `maxEntries` keys in the order they were last set: setting a key makes it
 * the newest, and a new key beyond the bound evicts the oldest (counted, and handed to
 * `onEvict` when given). `get` leaves the order alone; `touch` reads and makes the key the
 * newest, for a cache evicting what was used longest ago. Iterates oldest first.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  private evictedCount = 0;

  constructor(
    readonly maxEntries: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a whole number of at least 1, got ${maxEntries}`);
    }
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const [oldest, evicted] = this.entries.entries().next().value as [K, V];
      this.entries.delete(oldest);
      this.evictedCount++;
      this.onEvict?.(oldest, evicted);
    }
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** The value, the key made the newest. */
  touch(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many keys were pushed out by newer ones since creation. */
  get evicted(): number {
    return this.evictedCount;
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  /** Keys and values, oldest first. */
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries.entries();
  }
}
