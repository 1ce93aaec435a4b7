import { describe, expect, it } from '@jest/globals';
import { EventLoopLoad } from './event-loop-load.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

const threadCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};
/**
 * Spins for `ms` of wall time and returns the share of a core the thread really got: less
 * than 1 when other processes hold the cores (CI runs tests in parallel on 2 cores).
 */
const spinMeasured = (ms: number) => {
  const cpuAt = threadCpuMs();
  const startedAt = performance.now();
  spin(ms);
  return (threadCpuMs() - cpuAt) / (performance.now() - startedAt);
};
const closeTo = (reading: number, expected: number) =>
  expect(Math.abs(reading - expected)).toBeLessThan(0.15);

describe('EventLoopLoad', () => {
  it('reads 0 until a window has passed, then the busy share of that window', async () => {
    const load = new EventLoopLoad(100);
    expect(load.current()).toBe(0);
    await sleep(120);
    expect(load.current()).toBeLessThan(0.3);
    const got = spinMeasured(150);
    expect(got).toBeGreaterThan(0.1);
    closeTo(load.current(), got);
    await sleep(200);
    expect(load.current()).toBeLessThan(0.3);
  });

  it('counts CPU the thread used, not time it was blocked or waiting for a core', async () => {
    const load = new EventLoopLoad(100);
    // Blocked without using CPU, as a thread the machine has no free core for: event-loop
    // utilization would call this window busy, it is not.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
    expect(load.current()).toBeLessThan(0.3);
    // Busy: the reading is the share of a core the thread actually got.
    const got = spinMeasured(150);
    expect(got).toBeGreaterThan(0.1);
    closeTo(load.current(), got);
  });

  it('keeps its reading within a window', async () => {
    const load = new EventLoopLoad(60_000);
    spin(50);
    expect(load.current()).toBe(0);
  });
});
