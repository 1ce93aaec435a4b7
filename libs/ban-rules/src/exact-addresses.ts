/**
 * Single addresses (/32, /128) in a hash map: most bans are single addresses, and a lookup
 * that misses costs one hash and one bucket instead of a walk through cold trie nodes.
 */
interface Slot<V> {
  words: readonly number[];
  value: V;
}

function hashWords(words: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (let w = 0; w < words.length; w++) hash = Math.imul(hash ^ words[w]!, 0x01000193);
  return hash >>> 0;
}

function sameWords(a: readonly number[], b: readonly number[]): boolean {
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
  return true;
}

export class ExactAddresses<V> {
  private readonly buckets = new Map<number, Slot<V>[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(words: readonly number[]): V | undefined {
    const bucket = this.buckets.get(hashWords(words));
    if (!bucket) return undefined;
    for (const slot of bucket) if (sameWords(slot.words, words)) return slot.value;
    return undefined;
  }

  /** Stores `value` for these words; returns the value it replaced. */
  set(words: readonly number[], value: V): V | undefined {
    const hash = hashWords(words);
    const bucket = this.buckets.get(hash);
    if (!bucket) {
      this.buckets.set(hash, [{ words: [...words], value }]);
      this.count++;
      return undefined;
    }
    for (const slot of bucket) {
      if (sameWords(slot.words, words)) {
        const previous = slot.value;
        slot.value = value;
        return previous;
      }
    }
    bucket.push({ words: [...words], value });
    this.count++;
    return undefined;
  }

  delete(words: readonly number[]): V | undefined {
    const hash = hashWords(words);
    const bucket = this.buckets.get(hash);
    if (!bucket) return undefined;
    const index = bucket.findIndex((slot) => sameWords(slot.words, words));
    if (index < 0) return undefined;
    const [removed] = bucket.splice(index, 1);
    if (bucket.length === 0) this.buckets.delete(hash);
    this.count--;
    return removed!.value;
  }

  *values(): IterableIterator<V> {
    for (const bucket of this.buckets.values()) for (const slot of bucket) yield slot.value;
  }

  clear(): void {
    this.buckets.clear();
    this.count = 0;
  }
}
