import { describe, expect, it } from '@jest/globals';
import { EventLoopLoad } from './event-loop-load.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('EventLoopLoad', () => {
  it('reads 0 until a window has passed, then the busy share of that window', async () => {
    const load = new EventLoopLoad(100);
    expect(load.current()).toBe(0);
    await sleep(120);
    expect(load.current()).toBeLessThan(0.3);
    spin(150);
    expect(load.current()).toBeGreaterThan(0.7);
    await sleep(200);
    expect(load.current()).toBeLessThan(0.3);
  });

  it('counts CPU the thread used, not time it was blocked or waiting for a core', async () => {
    const load = new EventLoopLoad(100);
    // Blocked without using CPU, as a thread the machine has no free core for: event-loop
    // utilization would call this window busy, it is not.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
    expect(load.current()).toBeLessThan(0.3);
    spin(150);
    expect(load.current()).toBeGreaterThan(0.7);
  });

  it('keeps its reading within a window', async () => {
    const load = new EventLoopLoad(60_000);
    spin(50);
    expect(load.current()).toBe(0);
  });
});
