import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { collectedGauge } from './collected-gauge.js';

describe('collectedGauge', () => {
  it('reads its value at every scrape, on the registry given', async () => {
    const registry = new Registry();
    let size = 3;
    collectedGauge(registry, () => size, {
      name: 'test_queue_size',
      help: 'Items queued (bound 10)',
    });
    const scrape = () => registry.getSingleMetricAsString('test_queue_size');
    expect(await scrape()).toBe(
      '# HELP test_queue_size Items queued (bound 10)\n# TYPE test_queue_size gauge\ntest_queue_size 3',
    );
    size = 7;
    expect(await scrape()).toMatch(/\ntest_queue_size 7$/);
  });
});
