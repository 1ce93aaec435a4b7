import { describe, expect, it } from '@jest/globals';
import {
  BAN_REASONS,
  BanReasonError,
  DEFAULT_REASON_POINTS,
  parseBanReason,
} from './ban-reasons.js';

describe('ban reasons', () => {
  // reference-service.md §10 item 67, adapted: reasons are names, not enum numbers.
  it('67: the reason names, each with its points', () => {
    expect(BAN_REASONS).toEqual([
      'unknown',
      'invalid_subtree',
      'protocol_violation',
      'spam',
      'invalid_block',
      'catchup_failure',
    ]);
    expect(DEFAULT_REASON_POINTS).toEqual({
      unknown: 1,
      invalid_subtree: 10,
      protocol_violation: 20,
      spam: 50,
      invalid_block: 10,
      catchup_failure: 30,
    });
  });

  it('67 (deviation: names instead of BanReason(999)): a well-formed unknown name scores as unknown', () => {
    expect(parseBanReason('invalid_block')).toBe('invalid_block');
    expect(parseBanReason('something_new')).toBe('unknown');
  });

  it.each(['', 'x'.repeat(65), 'spam; drop table', '💥', ' spam'])(
    'garbage reason %j is refused (deviation: the reference scores anything as unknown)',
    (text) => {
      expect(() => parseBanReason(text)).toThrow(BanReasonError);
    },
  );
});
