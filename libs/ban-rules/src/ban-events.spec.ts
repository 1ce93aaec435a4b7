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
    expect(applyBanEvent(set, banEvent(p2p_events.BanAction.BAN_ACTION_ADDED, record, now))).toBe(
      true,
    );
    expect(set.check('10.0.0.9', now)?.value).toBe('10.0.0.0/24');
    expect(applyBanEvent(set, banEvent(p2p_events.BanAction.BAN_ACTION_REMOVED, record, now))).toBe(
      true,
    );
    expect(set.size).toBe(0);
    applyBanEvent(set, banEvent(p2p_events.BanAction.BAN_ACTION_ADDED, record, now));
    expect(applyBanEvent(set, clearedEvent(now))).toBe(true);
    expect(set.size).toBe(0);
    expect(applyBanEvent(set, { ...clearedEvent(now), action: 99 as p2p_events.BanAction })).toBe(
      false,
    );
    expect(applyBanEvent(set, { ...banEvent(1, record, now), kind: 0 })).toBe(false);
  });
});
