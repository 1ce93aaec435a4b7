import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

type Stat = (histogram: ReturnType<typeof monitorEventLoopDelay>) => number;
type Row = [stat: string, help: string, aggregator: 'min' | 'max' | 'average', read: Stat];

/** prom-client's names, help and aggregators, so dashboards built for them keep working. */
const GAUGES: Row[] = [
  ['min', 'The minimum recorded event loop delay.', 'min', (h) => h.min],
  ['max', 'The maximum recorded event loop delay.', 'max', (h) => h.max],
  ['mean', 'The mean of the recorded event loop delays.', 'average', (h) => h.mean],
  [
    'stddev',
    'The standard deviation of the recorded event loop delays.',
    'average',
    (h) => h.stddev,
  ],
  ...[50, 90, 99].map((p): Row => [
    `p${p}`,
    `The ${p}th percentile of the recorded event loop delays.`,
    'average',
    (h) => h.percentile(p),
  ]),
];

/**
 * prom-client's event-loop delay gauges, measured with the sampling period taken off. Node's
 * delay histogram records the time between its timer's ticks, so a loop sampled every 100 ms
 * that is never late reads 100 ms (prom-client's 10 ms default hides this as 10 ms); dashboards
 * and alerts expect 0 there. Replaces the gauges `collectDefaultMetrics` registered; like
 * prom-client's, each scrape reports the delays since the previous one.
 */
export function replaceEventLoopDelayGauges(registry: Registry, sampleMs: number): void {
  const histogram = monitorEventLoopDelay({ resolution: sampleMs });
  histogram.enable();
  const delaySeconds = (stat: Stat, shifted: boolean) => {
    if (histogram.count === 0) return 0;
    const seconds = stat(histogram) / 1e9;
    return shifted ? Math.max(0, seconds - sampleMs / 1000) : seconds;
  };
  const gauges: Gauge[] = [];
  // One collect sets every gauge from the same histogram, then starts the next interval.
  const collect = () => {
    GAUGES.forEach(([stat, , , read], index) =>
      gauges[index]!.set(delaySeconds(read, stat !== 'stddev')),
    );
    histogram.reset();
  };
  GAUGES.forEach(([stat, help, aggregator], index) => {
    const name = `nodejs_eventloop_lag_${stat}_seconds`;
    registry.removeSingleMetric(name);
    gauges.push(
      new Gauge({ name, help, aggregator, registers: [registry], ...(index === 0 && { collect }) }),
    );
  });
}
