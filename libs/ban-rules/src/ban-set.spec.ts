import { describe, expect, it } from '@jest/globals';
import { parseAddressTarget } from './ban-address.js';
import { BanSet, type BanRecord } from './ban-set.js';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;
const PEER = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';

function ban(
  value: string,
  expiresAtMs = NOW + HOUR,
  source: BanRecord['source'] = 'manual',
): BanRecord {
  const kind = value.startsWith('12D3') ? 'peer' : parseAddressTarget(value).kind;
  const canonical = kind === 'peer' ? value : parseAddressTarget(value).value;
  return { kind, value: canonical, createdAtMs: NOW, expiresAtMs, reason: '', source };
}

function setOf(...values: string[]): BanSet {
  const set = new BanSet();
  for (const value of values) set.put(ban(value));
  return set;
}

describe('BanSet', () => {
  it('56: bans of 192.168.1.1 and 10.0.0.0/24 cover exactly what they should', () => {
    const set = setOf('192.168.1.1', '10.0.0.0/24');
    for (const hit of ['192.168.1.1', '10.0.0.5', '192.168.1.1:8333', '10.0.0.0/25', '10.0.0.0/24'])
      expect([hit, set.check(hit, NOW) !== undefined]).toEqual([hit, true]);
    for (const miss of [
      '192.168.1.2',
      '10.0.1.1',
      '192.168.1.2:8333',
      '10.0.0.0/23',
      '10.0.0.0/16',
    ])
      expect([miss, set.check(miss, NOW) !== undefined]).toEqual([miss, false]);
  });

  it('56 (deviation: garbage is an error, not "false"): invalid, 10.0.0.0/33 and "" throw', () => {
    const set = setOf('192.168.1.1');
    for (const garbage of ['invalid', '10.0.0.0/33', ''])
      expect(() => set.check(garbage, NOW)).toThrow('is not a valid ban target');
  });

  it('57: removing banned and unbanned IPs and subnets; only the exact entry is removed', () => {
    const set = setOf('192.168.1.1', '10.0.0.0/24');
    expect(set.remove('ip', '10.0.0.5/32')).toBeUndefined();
    expect(set.check('10.0.0.5', NOW)).toBeDefined();
    expect(set.remove('ip', '192.168.1.1')?.value).toBe('192.168.1.1/32');
    expect(set.remove('ip', '192.168.1.1')).toBeUndefined();
    expect(set.remove('subnet', '10.0.0.0/24')?.value).toBe('10.0.0.0/24');
    expect(set.remove('subnet', '10.9.0.0/16')).toBeUndefined();
    expect(set.size).toBe(0);
    expect(set.check('10.0.0.5', NOW)).toBeUndefined();
  });

  it('60: an IPv6 ban matches itself with and without port, not its neighbour; IPv4 with and without port', () => {
    const set = setOf('2406:da18:1f7:353a:b079:da22:c7d5:e166', '1.2.3.4');
    expect(set.check('2406:da18:1f7:353a:b079:da22:c7d5:e166', NOW)).toBeDefined();
    expect(set.check('[2406:da18:1f7:353a:b079:da22:c7d5:e166]:8333', NOW)).toBeDefined();
    expect(set.check('2406:da18:1f7:353a:b079:da22:c7d5:e167', NOW)).toBeUndefined();
    expect(set.check('1.2.3.4', NOW)).toBeDefined();
    expect(set.check('1.2.3.4:8333', NOW)).toBeDefined();
    expect(set.check('::ffff:1.2.3.4', NOW)).toBeDefined();
  });

  it('expired entries are never reported, and are handed out for deletion', () => {
    const set = new BanSet();
    set.put(ban('10.0.0.0/8', NOW - 1));
    set.put(ban('10.1.0.0/16', NOW + HOUR));
    set.put(ban(PEER, NOW - 1));
    expect(set.check('10.1.2.3', NOW)?.value).toBe('10.1.0.0/16');
    expect(set.check('10.2.0.1', NOW)).toBeUndefined();
    expect(set.check(PEER, NOW)).toBeUndefined();
    expect(set.list(NOW).map((r) => r.value)).toEqual(['10.1.0.0/16']);
    expect(
      set
        .expired(NOW)
        .map((r) => r.value)
        .sort(),
    ).toEqual([PEER, '10.0.0.0/8'].sort());
  });

  it('peer bans and address bans are separate; clear can take one kind', () => {
    const set = setOf('10.0.0.0/8', PEER);
    expect(set.check(PEER, NOW)?.kind).toBe('peer');
    expect([set.addressCount, set.peerCount]).toEqual([1, 1]);
    set.clear('peers');
    expect([set.addressCount, set.peerCount]).toEqual([1, 0]);
    set.put(ban(PEER));
    set.clear();
    expect(set.size).toBe(0);
  });

  it('replacing an exact entry keeps one entry', () => {
    const set = setOf('10.0.0.0/24');
    expect(set.put(ban('10.0.0.9/24', NOW + 2 * HOUR))).toBe(true);
    expect(set.size).toBe(1);
    expect(set.getExact('subnet', '10.0.0.0/24')?.expiresAtMs).toBe(NOW + 2 * HOUR);
  });

  it('with maxEntries, refuses a new entry when full but still replaces an existing one', () => {
    const set = new BanSet({ maxEntries: 2 });
    expect(set.put(ban('10.0.0.1'))).toBe(true);
    expect(set.put(ban(PEER))).toBe(true);
    expect(set.put(ban('10.0.0.2'))).toBe(false);
    expect(set.put(ban('10.0.0.1', NOW + 2 * HOUR))).toBe(true);
    expect(set.size).toBe(2);
    expect(set.check('10.0.0.2', NOW)).toBeUndefined();
  });
});

// A deterministic generator, so a failure reproduces.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

function contains(banned: string, address: string): boolean {
  const b = parseAddressTarget(banned).prefix;
  const a = parseAddressTarget(address).prefix;
  if (a.family !== b.family || a.length < b.length) return false;
  for (let i = 0; i < b.length; i++) {
    const bit = (w: readonly number[]) => (w[i >>> 5]! >>> (31 - (i & 31))) & 1;
    if (bit(a.words) !== bit(b.words)) return false;
  }
  return true;
}

describe('BanSet agrees with a linear scan', () => {
  it('on random v4/v6 prefixes, through inserts and deletes', () => {
    const next = random(42);
    const octet = () => Math.floor(next() * 4); // few values, so prefixes overlap a lot
    const v4 = () => `10.${octet()}.${octet()}.${octet()}`;
    const v6 = () => `2001:db8:${octet()}:${octet()}::${octet()}`;
    const entry = () =>
      next() < 0.5 ? `${v4()}/${Math.floor(next() * 33)}` : `${v6()}/${Math.floor(next() * 129)}`;
    const set = new BanSet();
    const model = new Map<string, BanRecord>();
    for (let round = 0; round < 3000; round++) {
      const record = ban(entry());
      if (next() < 0.3 && model.size > 0) {
        const victim = [...model.keys()][Math.floor(next() * model.size)]!;
        expect(set.remove('subnet', victim)?.value).toBe(victim);
        model.delete(victim);
      } else {
        set.put(record);
        model.set(record.value, record);
      }
      const probe = next() < 0.5 ? v4() : v6();
      const expected = [...model.keys()].some((banned) => contains(banned, probe));
      expect([probe, set.check(probe, NOW) !== undefined]).toEqual([probe, expected]);
      expect(set.size).toBe(model.size);
    }
    expect(
      set
        .list(NOW)
        .map((r) => r.value)
        .sort(),
    ).toEqual([...model.keys()].sort());
  });
});
