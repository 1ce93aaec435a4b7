import type { CidrPrefix } from './ban-address.js';
import { maskWords } from './ip-address.js';

// Keys are held in Uint32Arrays: one element kind for every access keeps the hot loops
// monomorphic (plain arrays mix small-integer and double elements).
type Key = Uint32Array;

/**
 * A path-compressed binary trie (PATRICIA) keyed by network prefixes of one address family.
 * A lookup visits at most one node per distinct prefix length on the path, so it costs
 * O(prefix length) however many entries there are; the node count stays below 2 × entries.
 */
interface TrieNode<V> {
  words: Key;
  length: number;
  value: V | undefined;
  zero: TrieNode<V> | undefined;
  one: TrieNode<V> | undefined;
}

function bitAt(words: Key, index: number): number {
  return (words[index >>> 5]! >>> (31 - (index & 31))) & 1;
}

/** How many leading bits `a` and `b` share, at most `max`. */
function commonLength(a: Key, b: Key, max: number): number {
  let bits = 0;
  for (let w = 0; bits < max; w++) {
    const diff = (a[w]! ^ b[w]!) >>> 0;
    if (diff !== 0) return Math.min(max, bits + Math.clz32(diff));
    bits += 32;
  }
  return max;
}

function node<V>(words: Key, length: number, value: V | undefined): TrieNode<V> {
  return { words, length, value, zero: undefined, one: undefined };
}

function childAt<V>(parent: TrieNode<V>, bit: number): TrieNode<V> | undefined {
  return bit === 0 ? parent.zero : parent.one;
}

function setChild<V>(parent: TrieNode<V>, bit: number, child: TrieNode<V> | undefined): void {
  if (bit === 0) parent.zero = child;
  else parent.one = child;
}

export class PrefixTrie<V> {
  private readonly root: TrieNode<V>;
  private count = 0;
  /** The key being looked up, copied here so lookups allocate nothing. */
  private readonly query: Key;

  /** `isLive(value, nowMs)`: whether a stored value counts in lookups (e.g. not expired). */
  constructor(
    wordCount: 1 | 4,
    private readonly isLive: (value: V, nowMs: number) => boolean,
  ) {
    this.root = node<V>(new Uint32Array(wordCount), 0, undefined);
    this.query = new Uint32Array(wordCount);
  }

  get size(): number {
    return this.count;
  }

  /** Stores `value` under exactly this prefix; returns the value it replaced. */
  set(prefix: CidrPrefix, value: V): V | undefined {
    const key = Uint32Array.from(prefix.words);
    let current = this.root;
    for (;;) {
      if (current.length === prefix.length) {
        const previous = current.value;
        current.value = value;
        if (previous === undefined) this.count++;
        return previous;
      }
      const bit = bitAt(key, current.length);
      const child = childAt(current, bit);
      if (!child) {
        setChild(current, bit, node(key, prefix.length, value));
        this.count++;
        return undefined;
      }
      const common = commonLength(key, child.words, Math.min(prefix.length, child.length));
      if (common === child.length) {
        current = child;
        continue;
      }
      if (common === prefix.length) {
        const inserted = node(key, prefix.length, value);
        setChild(inserted, bitAt(child.words, prefix.length), child);
        setChild(current, bit, inserted);
      } else {
        const fork = node<V>(Uint32Array.from(maskWords(prefix.words, common)), common, undefined);
        setChild(fork, bitAt(child.words, common), child);
        setChild(fork, bitAt(key, common), node(key, prefix.length, value));
        setChild(current, bit, fork);
      }
      this.count++;
      return undefined;
    }
  }

  /** The value stored under exactly this prefix. */
  get(prefix: CidrPrefix): V | undefined {
    const path = this.pathTo(prefix);
    return path?.[path.length - 1]!.value;
  }

  /** Removes exactly this prefix (not the prefixes it covers or is covered by). */
  delete(prefix: CidrPrefix): V | undefined {
    const path = this.pathTo(prefix);
    if (!path) return undefined;
    const target = path[path.length - 1]!;
    const removed = target.value;
    if (removed === undefined) return undefined;
    target.value = undefined;
    this.count--;
    this.prune(path);
    return removed;
  }

  /**
   * The first live value at `nowMs`, from the widest prefix down, whose prefix covers all of
   * `query`. The walk branches on the query's bits and compares whole prefixes only at nodes
   * that hold a value: a fork node's bits are implied by the path, so its key is never read
   * (fewer memory accesses; a wrong turn is caught by the next comparison).
   */
  findCovering(query: CidrPrefix, nowMs: number): V | undefined {
    const key = this.load(query);
    let current: TrieNode<V> | undefined = this.root;
    while (current && current.length <= query.length) {
      const value: V | undefined = current.value;
      if (value !== undefined) {
        if (commonLength(key, current.words, current.length) !== current.length) return undefined;
        if (this.isLive(value, nowMs)) return value;
      }
      if (current.length === query.length) return undefined;
      current = bitAt(key, current.length) === 0 ? current.zero : current.one;
    }
    return undefined;
  }

  *values(): IterableIterator<V> {
    const stack: TrieNode<V>[] = [this.root];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.value !== undefined) yield current.value;
      if (current.one) stack.push(current.one);
      if (current.zero) stack.push(current.zero);
    }
  }

  clear(): void {
    this.root.value = undefined;
    this.root.zero = undefined;
    this.root.one = undefined;
    this.count = 0;
  }

  private load(prefix: CidrPrefix): Key {
    const key = this.query;
    for (let w = 0; w < key.length; w++) key[w] = prefix.words[w]!;
    return key;
  }

  private pathTo(prefix: CidrPrefix): TrieNode<V>[] | undefined {
    const key = this.load(prefix);
    const path: TrieNode<V>[] = [this.root];
    let current = this.root;
    while (current.length < prefix.length) {
      const child = childAt(current, bitAt(key, current.length));
      if (
        !child ||
        child.length > prefix.length ||
        commonLength(key, child.words, child.length) !== child.length
      ) {
        return undefined;
      }
      path.push(child);
      current = child;
    }
    return current.length === prefix.length ? path : undefined;
  }

  /** After a value is removed: drop nodes that no longer hold a value or fork two branches. */
  private prune(path: TrieNode<V>[]): void {
    for (let i = path.length - 1; i > 0; i--) {
      const current = path[i]!;
      if (current.value !== undefined || (current.zero && current.one)) return;
      const parent = path[i - 1]!;
      const replacement = current.zero ?? current.one;
      setChild(parent, parent.zero === current ? 0 : 1, replacement);
      if (replacement) return;
    }
  }
}
