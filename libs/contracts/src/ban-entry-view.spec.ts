import { describe, expect, it } from '@jest/globals';
import { banEntryView, formatUnixTime } from './ban-entry-view.js';
import { BanKind, BanSource } from './generated/p2p_events.js';

describe('banEntryView', () => {
  it('names the kind and source and formats the times in UTC', () => {
    expect(
      banEntryView({
        kind: BanKind.BAN_KIND_SUBNET,
        value: '10.0.0.0/24',
        created_at: '1759500000',
        expires_at: '1759586400',
        reason: 'spam',
        source: BanSource.BAN_SOURCE_SCORE,
      }),
    ).toEqual({
      target: '10.0.0.0/24',
      kind: 'subnet',
      created: '2025-10-03T14:00:00Z',
      until: '2025-10-04T14:00:00Z',
      expiresAt: 1759586400,
      reason: 'spam',
      source: 'score',
    });
  });

  it('says unknown for values it does not know, and - for no time', () => {
    const view = banEntryView({
      kind: 0,
      value: 'x',
      created_at: '0',
      expires_at: '0',
      reason: '',
      source: 0,
    });
    expect([view.kind, view.source, view.created]).toEqual(['unknown', 'unknown', '-']);
    expect(formatUnixTime(0)).toBe('-');
  });

  it('shows a time past any date as its number (formatting it threw)', () => {
    const view = banEntryView({
      kind: BanKind.BAN_KIND_PEER,
      value: 'x',
      created_at: '1759500000',
      expires_at: '9223372036854775807',
      reason: '',
      source: BanSource.BAN_SOURCE_MANUAL,
    });
    expect(view.until).toBe('9223372036854776000');
    expect(formatUnixTime(8_640_000_000_000)).toBe('+275760-09-13T00:00:00Z');
    expect(formatUnixTime(8_640_000_000_001)).toBe('8640000000001');
  });
});
