/**
 * Single addresses (/32, /128) in an open-addressing hash table over typed arrays: most bans
 * are single addresses, and a lookup reads one or two cache lines of packed words instead of
 * chasing a Map entry, a bucket array, a slot object and its word array (which cost IsBanned
 * more than the whole subnet walk). Linear probing, at most half full, backward-shift delete.
 * Each slot's hash (never 0; 0 marks a free slot) sits in its own array, so a probe that
 * misses, the common case, reads only that compact array and never the packed words.
 */
const MIN_CAPACITY = 64;

/** FNV-1a over the words, odd so that it is never 0. */
function hashWords(words: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (let w = 0; w < words.length; w++) hash = Math.imul(hash ^ words[w]!, 0x01000193);
  return hash | 1;
}

export class ExactAddresses<V> {
  private keys: Int32Array;
  private hashes: Int32Array;
  private slots: (V | undefined)[];
  private mask: number;
  private count = 0;

  constructor(private readonly wordCount: 1 | 4) {
    this.keys = new Int32Array(MIN_CAPACITY * wordCount);
    this.hashes = new Int32Array(MIN_CAPACITY);
    this.slots = new Array<V | undefined>(MIN_CAPACITY).fill(undefined);
    this.mask = MIN_CAPACITY - 1;
  }

  get size(): number {
    return this.count;
  }

  get(words: readonly number[]): V | undefined {
    const index = this.find(words);
    return index < 0 ? undefined : this.slots[index];
  }

  /** Stores `value` for these words; returns the value it replaced. */
  set(words: readonly number[], value: V): V | undefined {
    const found = this.find(words);
    if (found >= 0) {
      const previous = this.slots[found];
      this.slots[found] = value;
      return previous;
    }
    if ((this.count + 1) * 2 > this.hashes.length) this.resize(this.hashes.length * 2);
    this.place(words, value);
    this.count++;
    return undefined;
  }

  delete(words: readonly number[]): V | undefined {
    let hole = this.find(words);
    if (hole < 0) return undefined;
    const removed = this.slots[hole];
    // Backward shift: pull later entries of the probe run into the hole they may skip over.
    for (
      let next = (hole + 1) & this.mask;
      this.hashes[next] !== 0;
      next = (next + 1) & this.mask
    ) {
      const home = this.home(next);
      const skipsHole = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (!skipsHole) continue;
      this.moveSlot(next, hole);
      hole = next;
    }
    this.hashes[hole] = 0;
    this.slots[hole] = undefined;
    this.count--;
    if (this.hashes.length > MIN_CAPACITY && this.count * 8 < this.hashes.length)
      this.resize(this.hashes.length / 2);
    return removed;
  }

  *values(): IterableIterator<V> {
    for (let i = 0; i < this.hashes.length; i++) if (this.hashes[i] !== 0) yield this.slots[i]!;
  }

  clear(): void {
    this.keys = new Int32Array(MIN_CAPACITY * this.wordCount);
    this.hashes = new Int32Array(MIN_CAPACITY);
    this.slots = new Array<V | undefined>(MIN_CAPACITY).fill(undefined);
    this.mask = MIN_CAPACITY - 1;
    this.count = 0;
  }

  private find(words: readonly number[]): number {
    const n = this.wordCount;
    const { keys, hashes, mask } = this;
    const hash = hashWords(words);
    for (let i = hash & mask; hashes[i] !== 0; i = (i + 1) & mask) {
      if (hashes[i] !== hash) continue;
      let w = 0;
      while (w < n && keys[i * n + w] === (words[w]! | 0)) w++;
      if (w === n) return i;
    }
    return -1;
  }

  private place(words: readonly number[], value: V): void {
    const hash = hashWords(words);
    let i = hash & this.mask;
    while (this.hashes[i] !== 0) i = (i + 1) & this.mask;
    for (let w = 0; w < this.wordCount; w++) this.keys[i * this.wordCount + w] = words[w]! | 0;
    this.hashes[i] = hash;
    this.slots[i] = value;
  }

  private home(index: number): number {
    return this.hashes[index]! & this.mask;
  }

  private moveSlot(from: number, to: number): void {
    const n = this.wordCount;
    this.keys.copyWithin(to * n, from * n, from * n + n);
    this.hashes[to] = this.hashes[from]!;
    this.slots[to] = this.slots[from];
  }

  private resize(capacity: number): void {
    const { keys, hashes, slots } = this;
    const n = this.wordCount;
    this.keys = new Int32Array(capacity * n);
    this.hashes = new Int32Array(capacity);
    this.slots = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    const words = new Array<number>(n);
    for (let i = 0; i < hashes.length; i++) {
      if (hashes[i] === 0) continue;
      for (let w = 0; w < n; w++) words[w] = keys[i * n + w]! >>> 0;
      this.place(words, slots[i]!);
    }
  }
}
