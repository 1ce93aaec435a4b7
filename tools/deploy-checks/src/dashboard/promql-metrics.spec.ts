import { describe, expect, it } from '@jest/globals';
import { promqlMetricNames } from './promql-metrics.js';

describe('promqlMetricNames', () => {
  it('finds the metrics, not functions, labels, keywords or ranges', () => {
    expect(
      promqlMetricNames(
        'sum by (kind, outcome) (rate(gossip_node_gossip_messages_total{outcome!="accept"}[$__rate_interval]))',
      ),
    ).toEqual(['gossip_node_gossip_messages_total']);
    expect(promqlMetricNames('a_total / on (instance) group_left b + c offset 5m')).toEqual([
      'a_total',
      'b',
      'c',
    ]);
  });

  it('refuses unbalanced brackets and quotes', () => {
    expect(() => promqlMetricNames('sum(rate(x[5m])')).toThrow('unbalanced');
    expect(() => promqlMetricNames('x{a="b}')).toThrow();
    expect(() => promqlMetricNames('x]')).toThrow('unbalanced ]');
  });
});
