/**
 * The latest value per key, at most `maxEntries` keys: a new key beyond the bound evicts the
 * key updated longest ago. Iterates oldest update first.
 */
export class LatestByKey<V> {
  private readonly entries = new Map<string, V>();
  private evictedCount = 0;

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a whole number of at least 1, got ${maxEntries}`);
    }
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.evictedCount++;
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many keys were pushed out by newer ones since creation. */
  get evicted(): number {
    return this.evictedCount;
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  /** Keys and values, oldest update first. */
  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries.entries();
  }
}
