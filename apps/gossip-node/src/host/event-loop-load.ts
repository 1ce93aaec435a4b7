import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * How busy this thread's event loop was over the last completed window (0 idle … 1 never
 * idle), sampled lazily: reading it costs nothing until a window has passed.
 */
export class EventLoopLoad {
  private previous: EventLoopUtilization = performance.eventLoopUtilization();
  private sampledAt = performance.now();
  private utilization = 0;

  constructor(private readonly windowMs = 1000) {}

  current(): number {
    const now = performance.now();
    if (now - this.sampledAt >= this.windowMs) {
      const sample = performance.eventLoopUtilization();
      this.utilization = performance.eventLoopUtilization(sample, this.previous).utilization;
      this.previous = sample;
      this.sampledAt = now;
    }
    return this.utilization;
  }
}
