import type { Metric, Registry } from 'prom-client';

/** The values held now: how many are at or below each bucket bound, their count and sum. */
export interface HistogramSnapshot {
  /** Cumulative counts, one per bucket bound. */
  atOrBelow: number[];
  count: number;
  sum: number;
}

/** One sample of the text format: `<name>_bucket{le="25"} 3`. */
interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/** Quarters of the ban threshold (a score at the threshold or above is a ban). */
export function scoreBuckets(threshold: number): number[] {
  return [...new Set([threshold / 4, threshold / 2, (threshold * 3) / 4, threshold])];
}

/**
 * A Prometheus histogram of values held now (a snapshot, not a count of observations),
 * replaced as a whole by `update`. Its size is fixed by the buckets, whatever the number of
 * values. prom-client's Histogram only counts observations, hence this small metric.
 */
export class SnapshotHistogram {
  readonly name: string;
  readonly help: string;
  readonly buckets: number[];
  readonly type = 'histogram';
  // Replicas sharing one database report the same snapshot.
  readonly aggregator = 'max';
  private current: HistogramSnapshot;

  constructor(options: { name: string; help: string; buckets: number[]; registers: Registry[] }) {
    this.name = options.name;
    this.help = options.help;
    this.buckets = options.buckets;
    this.current = this.empty();
    for (const registry of options.registers) registry.registerMetric(this as unknown as Metric);
  }

  update(distribution: HistogramSnapshot): void {
    if (distribution.atOrBelow.length !== this.buckets.length)
      throw new Error(`expected ${this.buckets.length} bucket counts`);
    this.current = distribution;
  }

  /** What prom-client's registry reads from a metric. */
  async get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: Sample[];
  }> {
    const { atOrBelow, count, sum } = this.current;
    const bucket = (le: number | string, value: number): Sample => ({
      metricName: `${this.name}_bucket`,
      labels: { le },
      value,
    });
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: [
        ...this.buckets.map((le, i) => bucket(le, atOrBelow[i]!)),
        bucket('+Inf', count),
        { metricName: `${this.name}_sum`, labels: {}, value: sum },
        { metricName: `${this.name}_count`, labels: {}, value: count },
      ],
    };
  }

  reset(): void {
    this.current = this.empty();
  }

  private empty(): HistogramSnapshot {
    return { atOrBelow: this.buckets.map(() => 0), count: 0, sum: 0 };
  }
}
