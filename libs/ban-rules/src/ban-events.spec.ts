import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { applyBanEvent, banEvent, clearedEvent, recordFromEvent } from './ban-events.js';
import { BanSet, type BanRecord } from './ban-set.js';

const record: BanRecord = {
  kind: 'subnet',
  value: '10.0.0.0/24',
  createdAtMs: 1_700_000_000_000,
  expiresAtMs: 1_700_003_600_000,
  reason: 'manual',
  source: 'manual',
};

describe('BanEvent codec', () => {
  it('an ADDED event carries the record and survives the wire', () => {
    const event = banEvent(p2p_events.BanAction.BAN_ACTION_ADDED, record, record.createdAtMs);
    const decoded = p2p_events.BanEvent.decode(p2p_events.BanEvent.encode(event).finish());
    expect(decoded).toEqual({
      action: p2p_events.BanAction.BAN_ACTION_ADDED,
      kind: p2p_events.BanKind.BAN_KIND_SUBNET,
      value: '10.0.0.0/24',
      until: '1700003600',
      reason: 'manual',
      source: p2p_events.BanSource.BAN_SOURCE_MANUAL,
      at_ms: '1700000000000',
    });
    expect(recordFromEvent(decoded)).toEqual(record);
  });

  it('REMOVED has no until; CLEARED has no kind or value', () => {
    expect(banEvent(p2p_events.BanAction.BAN_ACTION_REMOVED, record, 5).until).toBe('0');
    expect(clearedEvent(7)).toMatchObject({ kind: 0, value: '', at_ms: '7' });
    expect(recordFromEvent(clearedEvent(7))).toBeUndefined();
  });

  it('applying ADDED, REMOVED and CLEARED events keeps a ban set in step; garbage is ignored', () => {
    const set = new BanSet();
    const now = record.createdAtMs;
    const added = banEvent(p2p_events.BanAction.BAN_ACTION_ADDED, record, now);
    expect(applyBanEvent(set, added)).toEqual({ applied: 'added', record });
    expect(set.check('10.0.0.9', now)?.value).toBe('10.0.0.0/24');
    expect(
      applyBanEvent(set, banEvent(p2p_events.BanAction.BAN_ACTION_REMOVED, record, now)),
    ).toEqual({ applied: 'removed' });
    expect(set.size).toBe(0);
    applyBanEvent(set, added);
    expect(applyBanEvent(set, clearedEvent(now))).toEqual({ applied: 'cleared' });
    expect(set.size).toBe(0);
    expect(
      applyBanEvent(set, { ...clearedEvent(now), action: 99 as p2p_events.BanAction }),
    ).toMatchObject({ applied: false, why: 'malformed' });
    expect(applyBanEvent(set, { ...added, kind: 0 })).toMatchObject({
      applied: false,
      why: 'malformed',
    });
    expect(applyBanEvent(set, { ...added, value: 'not-a-cidr' })).toMatchObject({
      applied: false,
      why: 'malformed',
    });
  });

  // ban-service ends every ban at a time in the future (duration or until, both checked): an
  // ADDED event without an end is malformed, never a ban for ever, and changes nothing.
  it('ignores an ADDED event with until=0 instead of banning for ever', () => {
    const set = new BanSet();
    const event = { ...banEvent(p2p_events.BanAction.BAN_ACTION_ADDED, record, 1), until: '0' };
    expect(applyBanEvent(set, event)).toMatchObject({ applied: false, why: 'malformed' });
    expect(set.size).toBe(0);
    expect(recordFromEvent(event)).toBeUndefined();
  });

  it('CLEARED clears the kind it names, and everything when it names none', () => {
    const now = record.createdAtMs;
    const peer: BanRecord = { ...record, kind: 'peer', value: '12D3KooWpeer' };
    const both = () => {
      const set = new BanSet();
      for (const r of [record, peer]) applyBanEvent(set, banEvent(1, r, now));
      return set;
    };
    const cleared = (kind: p2p_events.BanKind) => {
      const set = both();
      applyBanEvent(set, { ...clearedEvent(now), kind });
      return [set.addressCount, set.peerCount];
    };
    expect(cleared(p2p_events.BanKind.BAN_KIND_UNSPECIFIED)).toEqual([0, 0]);
    expect(cleared(p2p_events.BanKind.BAN_KIND_PEER)).toEqual([1, 0]);
    expect(cleared(p2p_events.BanKind.BAN_KIND_SUBNET)).toEqual([0, 1]);
    expect(cleared(p2p_events.BanKind.BAN_KIND_IP)).toEqual([0, 1]);
  });

  it('a bounded set refuses a new ban when full', () => {
    const set = new BanSet({ maxEntries: 1 });
    applyBanEvent(set, banEvent(1, record, 1));
    const other = { ...record, value: '10.9.0.0/16' };
    expect(applyBanEvent(set, banEvent(1, other, 1))).toMatchObject({
      applied: false,
      why: 'full',
    });
  });
});
