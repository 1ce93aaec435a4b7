import { Gauge, type Registry } from 'prom-client';

/** How far a consumer is behind on one partition it owns. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** Records between the consumer's position (committed or last handled) and the high watermark. */
  lag: number;
}

/** A consumer as the lag gauge sees it: its group and, on demand, its lag per owned partition. */
export interface LagSource {
  readonly groupId: string;
  lag(): Promise<PartitionLag[]>;
}

/** Each service runs a handful of consumers; more than this is a leak. */
const MAX_SOURCES = 64;
/** A scrape does not wait longer than this for a consumer's lag (a broker that hangs). */
export const LAG_READ_TIMEOUT_MS = 3000;
const NAME = /^[a-z][a-z0-9_]*_kafka_consumer_lag$/;

/**
 * `<service>_kafka_consumer_lag{group, topic, partition}`: read when Prometheus scrapes, for
 * every running consumer that was given this gauge; a stopped consumer's series disappear.
 * Only the partitions a consumer owns are reported, so replicas of one group add up.
 */
export class ConsumerLagGauge {
  private readonly sources = new Set<LagSource>();

  constructor(options: { name: string; registers: Registry[] }) {
    if (!NAME.test(options.name)) {
      throw new Error(
        `consumer lag metric ${options.name} must be named <service>_kafka_consumer_lag`,
      );
    }
    const sources = this.sources;
    new Gauge({
      name: options.name,
      help: 'Records not yet handled per consumed partition: high watermark minus the committed or last handled offset',
      labelNames: ['group', 'topic', 'partition'],
      registers: options.registers,
      async collect() {
        const read = await Promise.allSettled(
          [...sources].map(async (source) => ({
            groupId: source.groupId,
            lags: await withTimeout(source.lag(), LAG_READ_TIMEOUT_MS),
          })),
        );
        this.reset();
        // A consumer whose lag cannot be read now (broker down) has no series: unknown, not 0.
        for (const result of read) {
          if (result.status !== 'fulfilled') continue;
          for (const { topic, partition, lag } of result.value.lags) {
            this.set({ group: result.value.groupId, topic, partition: String(partition) }, lag);
          }
        }
      },
    });
  }

  get size(): number {
    return this.sources.size;
  }

  add(source: LagSource): void {
    if (!this.sources.has(source) && this.sources.size >= MAX_SOURCES) {
      throw new Error(`too many consumers on one lag gauge (limit ${MAX_SOURCES})`);
    }
    this.sources.add(source);
  }

  delete(source: LagSource): void {
    this.sources.delete(source);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
