import { describe, expect, it } from '@jest/globals';
import { banReasonPointsKind, DEFAULT_BAN_REASON_POINTS } from './ban-reason-points.js';
import { InvalidSettingValue } from './settings-error.js';

describe('p2p_ban_reason_points', () => {
  const kind = banReasonPointsKind();

  it('overrides the reasons named and keeps the defaults of the others', () => {
    expect(kind.parse('spam=80 | invalid_block=25,unknown=0')).toEqual({
      ...DEFAULT_BAN_REASON_POINTS,
      spam: 80,
      invalid_block: 25,
      unknown: 0,
    });
  });

  it('formats back to what it parses', () => {
    const value = kind.parse('catchup_failure=7');
    expect(kind.parse(kind.format(value))).toEqual(value);
  });

  it.each([
    ['an unknown reason', 'flooding=5'],
    ['negative points', 'spam=-1'],
    ['fractional points', 'spam=1.5'],
    ['no points', 'spam'],
    ['a reason twice', 'spam=1|spam=2'],
    ['too many points', 'spam=9999999'],
  ])('refuses %s', (_what, text) => {
    expect(() => kind.parse(text)).toThrow(InvalidSettingValue);
    expect(() => kind.parse(text)).toThrow(/reason=points entries/);
  });
});
