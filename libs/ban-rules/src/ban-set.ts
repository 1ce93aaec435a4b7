import {
  parseAddressTarget,
  parseLookupTarget,
  type AddressTarget,
  type BanKind,
  type CidrPrefix,
} from './ban-address.js';
import { ExactAddresses } from './exact-addresses.js';
import { SubnetIndex } from './subnet-index.js';

export type BanSource = 'manual' | 'score';

export interface BanRecord {
  kind: BanKind;
  /** Canonical CIDR (`10.0.0.0/24`, `1.2.3.4/32`) or peer ID. */
  value: string;
  createdAtMs: number;
  expiresAtMs: number;
  reason: string;
  source: BanSource;
}

function isActive(record: BanRecord, nowMs: number): boolean {
  return record.expiresAtMs > nowMs;
}

const FULL_LENGTH = { 4: 32, 6: 128 } as const;

/** The address bans of one family: subnets in a prefix trie, single addresses in a hash map. */
class FamilyBans {
  readonly subnets: SubnetIndex<BanRecord>;
  readonly addresses: ExactAddresses<BanRecord>;

  constructor(
    wordCount: 1 | 4,
    private readonly fullLength: number,
  ) {
    this.addresses = new ExactAddresses<BanRecord>(wordCount);
    // Leading bits that pick a subnet bucket: /16 for IPv4, /32 (a typical allocation) for IPv6.
    this.subnets = new SubnetIndex<BanRecord>(wordCount, wordCount === 1 ? 16 : 32, isActive);
  }

  get size(): number {
    return this.subnets.size + this.addresses.size;
  }

  set(prefix: CidrPrefix, record: BanRecord): BanRecord | undefined {
    return prefix.length === this.fullLength
      ? this.addresses.set(prefix.words, record)
      : this.subnets.set(prefix, record);
  }

  get(prefix: CidrPrefix): BanRecord | undefined {
    return prefix.length === this.fullLength
      ? this.addresses.get(prefix.words)
      : this.subnets.get(prefix);
  }

  delete(prefix: CidrPrefix): BanRecord | undefined {
    return prefix.length === this.fullLength
      ? this.addresses.delete(prefix.words)
      : this.subnets.delete(prefix);
  }

  /** The widest active ban covering all of `prefix`: a subnet, else the address itself. */
  covering(prefix: CidrPrefix, nowMs: number): BanRecord | undefined {
    const subnet = this.subnets.findCovering(prefix, nowMs);
    if (subnet || prefix.length !== this.fullLength) return subnet;
    const exact = this.addresses.get(prefix.words);
    return exact && isActive(exact, nowMs) ? exact : undefined;
  }

  *values(): IterableIterator<BanRecord> {
    yield* this.subnets.values();
    yield* this.addresses.values();
  }

  clear(): void {
    this.subnets.clear();
    this.addresses.clear();
  }
}

/**
 * The set of IP, subnet and peer-ID bans, in memory. An address lookup walks a prefix trie of
 * subnets (O(prefix length)) and checks one hash bucket of single addresses; a peer lookup is
 * one map access. Expired entries are never reported;
 * {@link expired} hands them to whoever deletes them from the durable store.
 */
export class BanSet {
  private readonly v4 = new FamilyBans(1, FULL_LENGTH[4]);
  private readonly v6 = new FamilyBans(4, FULL_LENGTH[6]);
  private readonly peers = new Map<string, BanRecord>();

  /** `maxEntries`: most entries held (a copy of the authority's set); unbounded by default. */
  constructor(readonly options: { maxEntries?: number } = {}) {}

  /** Every stored entry, expired ones included until they are removed. */
  get size(): number {
    return this.v4.size + this.v6.size + this.peers.size;
  }

  get addressCount(): number {
    return this.v4.size + this.v6.size;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /**
   * Adds or replaces the entry for `record.value` (exact entry); false when it is a new entry
   * and the set already holds `maxEntries`.
   */
  put(record: BanRecord): boolean {
    const { maxEntries } = this.options;
    if (
      maxEntries !== undefined &&
      this.size >= maxEntries &&
      this.getExact(record.kind, record.value) === undefined
    )
      return false;
    if (record.kind === 'peer') {
      this.peers.set(record.value, record);
      return true;
    }
    const target = parseAddressTarget(record.value);
    this.familyOf(target.prefix).set(target.prefix, {
      ...record,
      kind: target.kind,
      value: target.value,
    });
    return true;
  }

  /** The entry stored for exactly this value (canonical CIDR or peer ID), active or not. */
  getExact(kind: BanKind, value: string): BanRecord | undefined {
    if (kind === 'peer') return this.peers.get(value);
    const target = parseAddressTarget(value);
    return this.familyOf(target.prefix).get(target.prefix);
  }

  /** Removes exactly this entry: unbanning 10.0.0.5 does not touch a ban of 10.0.0.0/24. */
  remove(kind: BanKind, value: string): BanRecord | undefined {
    if (kind === 'peer') {
      const previous = this.peers.get(value);
      this.peers.delete(value);
      return previous;
    }
    const target = parseAddressTarget(value);
    return this.familyOf(target.prefix).delete(target.prefix);
  }

  /** The active ban covering all of this address or subnet, if any. */
  coveringBan(prefix: CidrPrefix, nowMs: number): BanRecord | undefined {
    return this.familyOf(prefix).covering(prefix, nowMs);
  }

  peerBan(peerId: string, nowMs: number): BanRecord | undefined {
    const record = this.peers.get(peerId);
    return record && isActive(record, nowMs) ? record : undefined;
  }

  /**
   * The active ban that applies to `target`: an IP, IP:port, CIDR or peer ID. Throws
   * BanTargetError for anything else.
   */
  check(target: string, nowMs: number): BanRecord | undefined {
    const parsed = parseLookupTarget(target);
    if ('kind' in parsed) return this.peerBan(parsed.value, nowMs);
    return this.coveringBan(parsed, nowMs);
  }

  /** Whether an address or subnet, already parsed, is covered by an active ban. */
  isAddressBanned(target: AddressTarget, nowMs: number): boolean {
    return this.coveringBan(target.prefix, nowMs) !== undefined;
  }

  /** Active entries, optionally of one kind, in no particular order. */
  list(nowMs: number, kind?: BanKind): BanRecord[] {
    return this.all(kind).filter((record) => isActive(record, nowMs));
  }

  expired(nowMs: number): BanRecord[] {
    return this.all().filter((record) => !isActive(record, nowMs));
  }

  /** Removes every address ban, every peer ban, or (no argument) both. */
  clear(which?: 'addresses' | 'peers'): void {
    if (which !== 'addresses') this.peers.clear();
    if (which !== 'peers') {
      this.v4.clear();
      this.v6.clear();
    }
  }

  private all(kind?: BanKind): BanRecord[] {
    const out: BanRecord[] = [];
    if (kind === undefined || kind === 'peer') out.push(...this.peers.values());
    if (kind !== 'peer') {
      for (const family of [this.v4, this.v6]) {
        for (const record of family.values()) {
          if (kind === undefined || record.kind === kind) out.push(record);
        }
      }
    }
    return out;
  }

  private familyOf(prefix: CidrPrefix): FamilyBans {
    return prefix.family === 4 ? this.v4 : this.v6;
  }
}
