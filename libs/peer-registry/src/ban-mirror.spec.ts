import { describe, expect, it } from '@jest/globals';
import { addScore, scorePolicy } from '@teranode-p2p/ban-rules';
import { MINUTE, peer, T0 } from '../test/support/peer-fixture.js';
import { isBannedAt, mirrorBan, withoutExpiredBan, type BanStanding } from './ban-mirror.js';

describe('ban mirror (IsBanned / BanScore on the record)', () => {
  it('mirrors a score below the threshold as not banned, and a ban with its end', () => {
    expect(mirrorBan(peer('p'), { score: 40, bannedUntilMs: null }, T0)).toMatchObject({
      isBanned: false,
      banScore: 40,
    });
    expect(mirrorBan(peer('p'), { score: 110, bannedUntilMs: T0 + MINUTE }, T0)).toMatchObject({
      isBanned: true,
      banScore: 110,
      banUntilMs: T0 + MINUTE,
    });
  });

  it('a ban that has run out mirrors as no ban and score 0', () => {
    const mirrored = mirrorBan(peer('p'), { score: 110, bannedUntilMs: T0 }, T0);
    expect([mirrored.isBanned, mirrored.banScore, mirrored.banUntilMs]).toEqual([
      false,
      0,
      undefined,
    ]);
  });

  it('no standing (ClearBannedPeers, or never scored) mirrors as clean', () => {
    const banned = mirrorBan(peer('p'), { score: 110, bannedUntilMs: T0 + MINUTE }, T0);
    expect(mirrorBan(banned, undefined, T0)).toMatchObject({ isBanned: false, banScore: 0 });
  });

  it('isBannedAt is false once the ban has ended, and reads clear it', () => {
    const banned = mirrorBan(peer('p'), { score: 110, bannedUntilMs: T0 + MINUTE }, T0);
    expect(isBannedAt(banned, T0 + MINUTE - 1)).toBe(true);
    expect(isBannedAt(banned, T0 + MINUTE)).toBe(false);
    expect(withoutExpiredBan(banned, T0 + MINUTE - 1)).toBe(banned);
    expect(withoutExpiredBan(banned, T0 + MINUTE)).toMatchObject({ isBanned: false, banScore: 0 });
  });

  it("takes ban-rules' score state as it is (the ban authority's type)", () => {
    const policy = scorePolicy({
      threshold: 100,
      banDurationMs: MINUTE,
      decayIntervalMs: MINUTE,
      decayAmount: 1,
      maxReasons: 20,
    });
    const first = addScore(undefined, 'spam', policy, T0).state;
    const second = addScore(first, 'spam', policy, T0).state;
    const standing: BanStanding = second;
    expect(mirrorBan(peer('p'), standing, T0)).toMatchObject({ isBanned: true, banScore: 100 });
  });
});
