import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { scoreBuckets, SnapshotHistogram } from './score-histogram.js';

describe('peer score histogram', () => {
  it('puts its buckets at quarters of the ban threshold', () => {
    expect(scoreBuckets(100)).toEqual([25, 50, 75, 100]);
    expect(scoreBuckets(30)).toEqual([7.5, 15, 22.5, 30]);
  });

  it('is exposed as a Prometheus histogram of the last snapshot, replaced as a whole', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'ban-service' });
    const histogram = new SnapshotHistogram({
      name: 'ban_peer_scores',
      help: 'scores',
      buckets: scoreBuckets(100),
      registers: [registry],
    });
    const lines = async () =>
      (await registry.metrics()).split('\n').filter((l) => l.startsWith('ban_peer_scores'));
    expect(await lines()).toContain('ban_peer_scores_count{service="ban-service"} 0');

    histogram.update({ atOrBelow: [1, 2, 2, 4], count: 5, sum: 330 });
    expect(await lines()).toEqual([
      'ban_peer_scores_bucket{le="25",service="ban-service"} 1',
      'ban_peer_scores_bucket{le="50",service="ban-service"} 2',
      'ban_peer_scores_bucket{le="75",service="ban-service"} 2',
      'ban_peer_scores_bucket{le="100",service="ban-service"} 4',
      'ban_peer_scores_bucket{le="+Inf",service="ban-service"} 5',
      'ban_peer_scores_sum{service="ban-service"} 330',
      'ban_peer_scores_count{service="ban-service"} 5',
    ]);
    expect((await registry.metrics()).split('\n')).toContain('# TYPE ban_peer_scores histogram');

    histogram.update({ atOrBelow: [0, 0, 0, 0], count: 0, sum: 0 });
    expect(await lines()).toContain('ban_peer_scores_bucket{le="100",service="ban-service"} 0');
    expect(() => histogram.update({ atOrBelow: [1], count: 1, sum: 1 })).toThrow(
      'expected 4 bucket counts',
    );
  });
});
