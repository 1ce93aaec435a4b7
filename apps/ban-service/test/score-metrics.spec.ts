import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import { adminMetadata, BAN, call, type BanServiceProcess } from './support/ban-service-process.js';
import { banServiceForSuite } from './support/ban-test-env.js';

const PEERS = [
  '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF',
  'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N',
  '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp',
  '12D3KooWHHzSeKaY8xuZVzkLbKFfvNgPPeKhFBGrMbNzbm5akpqu',
] as const;

async function scoreMetrics(svc: BanServiceProcess): Promise<Record<string, number>> {
  const text = await (await fetch(`${svc.httpUrl}/metrics`)).text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match =
      /^(ban_peer_scores_\w+|ban_tracked_peers)(?:\{(?:le="([^"]+)",)?[^}]*\})? (\S+)$/.exec(line);
    if (match) values[match[2] ? `${match[1]}{le=${match[2]}}` : match[1]!] = Number(match[3]);
  }
  return values;
}

// The real ban-service process on real PostgreSQL: scores added over gRPC, read on /metrics.
describe('peer score metrics', () => {
  const [, svc] = banServiceForSuite({
    p2p_ban_threshold: '100',
    p2p_ban_sweep_interval: '300ms',
  });

  it('shows the scores held as a histogram in quarters of the threshold, and the tracked peers', async () => {
    const add = (peer_id: string, reason: string) =>
      call(svc.ban, BAN.addScore, { peer_id, reason }, adminMetadata());
    await add(PEERS[0], 'invalid_subtree'); // 10
    await add(PEERS[1], 'spam'); // 50
    await add(PEERS[2], 'spam');
    await add(PEERS[2], 'invalid_subtree'); // 60
    await add(PEERS[3], 'spam');
    expect(await add(PEERS[3], 'spam')).toMatchObject({ score: 100, banned: true });

    const expected = {
      'ban_peer_scores_bucket{le=25}': 1,
      'ban_peer_scores_bucket{le=50}': 2,
      'ban_peer_scores_bucket{le=75}': 3,
      'ban_peer_scores_bucket{le=100}': 4,
      'ban_peer_scores_bucket{le=+Inf}': 4,
      ban_peer_scores_sum: 220,
      ban_peer_scores_count: 4,
      ban_tracked_peers: 4,
    };
    // A sweep that read the scores before the last AddScore publishes 4 peers too (the fourth at
    // 50): wait for the sum of the final scores, and show the last reading if it never comes.
    let last: Record<string, number> = {};
    const seen = await waitFor('the sweep to publish the final scores', async () => {
      last = await scoreMetrics(svc);
      return last['ban_peer_scores_sum'] === expected.ban_peer_scores_sum ? last : undefined;
    }).catch(() => last);
    expect(seen).toEqual(expected);

    await call(svc.ban, BAN.resetScore, { peer_id: PEERS[1] }, adminMetadata());
    const after = await waitFor('the reset to show', async () => {
      const metrics = await scoreMetrics(svc);
      return metrics['ban_peer_scores_count'] === 3 ? metrics : undefined;
    });
    expect(after).toMatchObject({
      'ban_peer_scores_bucket{le=25}': 1,
      'ban_peer_scores_bucket{le=50}': 1,
      'ban_peer_scores_bucket{le=75}': 2,
      ban_peer_scores_sum: 170,
      ban_tracked_peers: 3,
    });
  }, 60_000);
});
