import { Gauge, type Registry } from 'prom-client';

/**
 * A gauge whose value `read` gives when the registry is scraped: the size of a bounded queue,
 * map or pool, say, which every one of them has as a metric.
 */
export function collectedGauge(
  registry: Registry,
  read: () => number,
  { name, help }: { name: string; help: string },
): Gauge {
  return new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}
