import { describe, expect, it } from '@jest/globals';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { replaceEventLoopDelayGauges } from './event-loop-delay-gauges.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function gauges(registry: Registry): Promise<Record<string, number>> {
  const values: Record<string, number> = {};
  for (const metric of await registry.getMetricsAsJSON()) {
    if (metric.name.startsWith('nodejs_eventloop_lag_'))
      values[metric.name] = Number(metric.values[0]?.value);
  }
  return values;
}

function registryWithGauges(sampleMs: number): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 2 ** 31 - 1 });
  replaceEventLoopDelayGauges(registry, sampleMs);
  return registry;
}

describe('replaceEventLoopDelayGauges', () => {
  it('reads about 0 for a loop that is never late (Node records the sampling period itself)', async () => {
    const registry = registryWithGauges(100);
    await gauges(registry);
    await sleep(1_200);
    const idle = await gauges(registry);
    // Node's histogram alone reads 0.100 s for every one of them.
    expect(idle['nodejs_eventloop_lag_mean_seconds']).toBeLessThan(0.05);
    expect(idle['nodejs_eventloop_lag_p50_seconds']).toBeLessThan(0.05);
    expect(idle['nodejs_eventloop_lag_min_seconds']).toBeLessThan(0.05);
  });

  it('measures a blocked loop, and each scrape starts a new interval', async () => {
    const registry = registryWithGauges(100);
    await gauges(registry);
    await sleep(150);
    const until = Date.now() + 400;
    while (Date.now() < until);
    await sleep(150);
    const blocked = await gauges(registry);
    expect(blocked['nodejs_eventloop_lag_max_seconds']).toBeGreaterThan(0.25);
    expect(blocked['nodejs_eventloop_lag_max_seconds']).toBeLessThan(2);
    await sleep(500);
    expect((await gauges(registry))['nodejs_eventloop_lag_max_seconds']).toBeLessThan(0.25);
  });

  it("keeps prom-client's names, one series each, with nodejs_eventloop_lag_seconds its own", async () => {
    const registry = registryWithGauges(100);
    const text = await registry.metrics();
    for (const stat of ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99', 'lag'])
      expect(
        text
          .split('\n')
          .filter((line) =>
            line.startsWith(
              `# TYPE nodejs_eventloop_lag_${stat === 'lag' ? '' : `${stat}_`}seconds`,
            ),
          ),
      ).toHaveLength(1);
  });
});
