import type { CidrPrefix } from './ban-address.js';
import { PrefixTrie } from './prefix-trie.js';

/**
 * Subnets of one family, split by their leading `strideBits` bits: subnets at least that long
 * live in a small trie per leading-bits value (one hash lookup replaces the top of the walk,
 * where random lookups meet cold memory), shorter ones in one trie checked first.
 */
export class SubnetIndex<V> {
  private readonly short: PrefixTrie<V>;
  private readonly buckets = new Map<number, PrefixTrie<V>>();
  private count = 0;

  constructor(
    private readonly wordCount: 1 | 4,
    private readonly strideBits: 16 | 32,
    private readonly isLive: (value: V, nowMs: number) => boolean,
  ) {
    this.short = new PrefixTrie<V>(wordCount, isLive);
  }

  get size(): number {
    return this.count;
  }

  set(prefix: CidrPrefix, value: V): V | undefined {
    let trie = this.trieFor(prefix);
    if (!trie) {
      trie = new PrefixTrie<V>(this.wordCount, this.isLive);
      this.buckets.set(this.lead(prefix), trie);
    }
    const previous = trie.set(prefix, value);
    if (previous === undefined) this.count++;
    return previous;
  }

  get(prefix: CidrPrefix): V | undefined {
    return this.trieFor(prefix)?.get(prefix);
  }

  delete(prefix: CidrPrefix): V | undefined {
    const trie = this.trieFor(prefix);
    const removed = trie?.delete(prefix);
    if (removed === undefined) return undefined;
    this.count--;
    if (trie !== this.short && trie!.size === 0) this.buckets.delete(this.lead(prefix));
    return removed;
  }

  /** The widest live subnet covering all of `query`. */
  findCovering(query: CidrPrefix, nowMs: number): V | undefined {
    const wide = this.short.size > 0 ? this.short.findCovering(query, nowMs) : undefined;
    if (wide !== undefined || query.length < this.strideBits) return wide;
    return this.buckets.get(this.lead(query))?.findCovering(query, nowMs);
  }

  *values(): IterableIterator<V> {
    yield* this.short.values();
    for (const trie of this.buckets.values()) yield* trie.values();
  }

  clear(): void {
    this.short.clear();
    this.buckets.clear();
    this.count = 0;
  }

  private lead(prefix: CidrPrefix): number {
    const first = prefix.words[0]!;
    return this.strideBits === 32 ? first : first >>> 16;
  }

  private trieFor(prefix: CidrPrefix): PrefixTrie<V> | undefined {
    return prefix.length < this.strideBits ? this.short : this.buckets.get(this.lead(prefix));
  }
}
