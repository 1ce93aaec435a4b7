import { describe, expect, it } from '@jest/globals';
import { ProgressWatch } from './progress-watch.js';
import { NotReadyError } from './readiness-registry.js';

function watch() {
  let now = 1_000;
  const w = new ProgressWatch(
    'p2p-events',
    30_000,
    () => ({ queued: 7 }),
    () => now,
  );
  return { w, advance: (ms: number) => (now += ms) };
}

const signal = new AbortController().signal;

describe('ProgressWatch', () => {
  it('is ready while nothing waits, however long', async () => {
    const { w, advance } = watch();
    advance(3_600_000);
    await expect(w.check({ signal })).resolves.toEqual({
      queued: 7,
      stalledMs: 0,
      lastError: null,
    });
  });

  it('fails naming the work, what waits and the last error once waiting work stops moving', async () => {
    const { w, advance } = watch();
    w.waiting();
    advance(20_000);
    w.failed(new Error('MESSAGE_TOO_LARGE'));
    advance(10_001);
    const failure = await w.check({ signal }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotReadyError);
    expect((failure as NotReadyError).message).toBe(
      'p2p-events has made no progress for 30 s: MESSAGE_TOO_LARGE',
    );
    expect((failure as NotReadyError).details).toEqual({
      queued: 7,
      stalledMs: 30_001,
      lastError: 'MESSAGE_TOO_LARGE',
    });
  });

  it('restarts the clock on progress and stops it when the work is done', async () => {
    const { w, advance } = watch();
    w.waiting();
    advance(29_000);
    w.progressed(true);
    advance(29_000);
    await expect(w.check({ signal })).resolves.toMatchObject({ stalledMs: 29_000 });
    w.progressed(false);
    advance(60_000);
    expect(w.stalledForMs()).toBe(0);
    w.waiting();
    advance(5);
    expect(w.stalledForMs()).toBe(5);
  });

  it('says what held the work up when it moves after failures or a reported stall', () => {
    const { w, advance } = watch();
    w.waiting();
    advance(1_000);
    expect(w.progressed(true)).toBeUndefined();
    advance(500);
    w.failed(new Error('broker down'));
    advance(700);
    w.failed(new Error('no answer from Kafka'));
    expect(w.progressed(true)).toEqual({
      waitedMs: 1_200,
      failedAttempts: 2,
      lastError: 'no answer from Kafka',
    });
    advance(30_001);
    expect(w.progressed(false)).toEqual({ waitedMs: 30_001, failedAttempts: 0, lastError: null });
    expect(w.progressed(false)).toBeUndefined();
  });
});
