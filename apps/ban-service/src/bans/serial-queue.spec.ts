import { describe, expect, it } from '@jest/globals';
import { BanServiceBusyError } from './ban-request-errors.js';
import { SerialQueue } from './serial-queue.js';

describe('SerialQueue', () => {
  it('runs tasks one at a time in arrival order, also after a failure', async () => {
    const queue = new SerialQueue(10);
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) => {
          log.push(`start ${name}`);
          setTimeout(() => {
            log.push(`end ${name}`);
            if (fail) reject(new Error(name));
            else resolve(name);
          }, ms);
        });
    const results = await Promise.allSettled([
      queue.run(task('a', 20)),
      queue.run(task('b', 1, true)),
      queue.run(task('c', 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.size).toBe(0);
  });

  it('refuses work beyond its bound', async () => {
    const queue = new SerialQueue(1);
    const first = queue.run(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(() => queue.run(async () => undefined)).toThrow(BanServiceBusyError);
    await first;
  });
});
