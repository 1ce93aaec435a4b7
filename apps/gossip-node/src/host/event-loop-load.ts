import { performance } from 'node:perf_hooks';

/** CPU microseconds (user + system) this thread has used since it started. */
const threadCpuMicros = (): number => {
  const { user, system } = process.threadCpuUsage();
  return user + system;
};

/**
 * How much of a core this thread used over the last completed window (0 idle … 1 a whole
 * core), sampled lazily: reading it costs nothing until a window has passed. It is the
 * thread's own CPU time, not event-loop utilization: a loop that is "busy" only because the
 * machine has no core free for it (20 processes on 2 cores) reads as busy in utilization
 * but not here, and handing its work to another thread would then only add the hand-over.
 */
export class EventLoopLoad {
  private cpuAt = threadCpuMicros();
  private sampledAt = performance.now();
  private share = 0;

  constructor(private readonly windowMs = 1000) {}

  current(): number {
    const now = performance.now();
    const elapsedMs = now - this.sampledAt;
    if (elapsedMs >= this.windowMs) {
      const cpu = threadCpuMicros();
      this.share = Math.min(1, (cpu - this.cpuAt) / 1000 / elapsedMs);
      this.cpuAt = cpu;
      this.sampledAt = now;
    }
    return this.share;
  }
}
