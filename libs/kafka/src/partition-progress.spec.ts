import { describe, expect, it } from '@jest/globals';
import { PartitionProgress, type PartitionPosition } from './partition-progress.js';

const at = (partition: number, position: number, lag: number): PartitionPosition => ({
  topic: 't',
  partition,
  position: BigInt(position),
  lag,
});

function watch(stallAfterMs = 1000) {
  let now = 0;
  let positions: PartitionPosition[] = [];
  const progress = new PartitionProgress(
    async () => positions,
    stallAfterMs,
    () => now,
  );
  return {
    progress,
    async read(next: PartitionPosition[], atMs: number) {
      positions = next;
      now = atMs;
      await progress.sample();
    },
    later(atMs: number) {
      now = atMs;
    },
  };
}

describe('PartitionProgress', () => {
  it('names a partition behind whose position has not moved for longer than stallAfterMs', async () => {
    const w = watch();
    await w.read([at(0, 5, 3), at(1, 9, 0)], 0);
    await w.read([at(0, 5, 4), at(1, 9, 0)], 900);
    expect(w.progress.stalled()).toBeUndefined();
    w.later(1001);
    expect(w.progress.stalled()).toBe('no record handled for 1 s while 4 wait on t/0@5');
  });

  it('restarts the clock when the position moves, and forgets a partition that caught up', async () => {
    const w = watch();
    await w.read([at(0, 5, 3)], 0);
    await w.read([at(0, 6, 3)], 900);
    w.later(1500);
    expect(w.progress.stalled()).toBeUndefined();
    await w.read([at(0, 6, 0)], 1800);
    await w.read([at(0, 6, 2)], 2000);
    w.later(2900);
    expect(w.progress.stalled()).toBeUndefined();
    w.later(3001);
    expect(w.progress.stalled()).toMatch(/t\/0@6$/);
  });

  it('stops the clock of a partition a record of which was handled, until a read finds it behind', async () => {
    const w = watch();
    await w.read([at(0, 5, 3)], 0);
    w.later(1500);
    w.progress.moved('t/0');
    expect(w.progress.stalled()).toBeUndefined();
    await w.read([at(0, 6, 2)], 1600);
    w.later(2601);
    expect(w.progress.stalled()).toMatch(/t\/0@6$/);
  });

  it('forgets a partition no longer read (another member owns it now)', async () => {
    const w = watch();
    await w.read([at(0, 5, 3), at(1, 2, 1)], 0);
    await w.read([at(1, 3, 1)], 500);
    w.later(1200);
    expect(w.progress.stalled()).toBeUndefined();
  });

  it('names the partition stalled longest', async () => {
    const w = watch();
    await w.read([at(1, 2, 1)], 0);
    await w.read([at(0, 5, 3), at(1, 2, 1)], 500);
    w.later(2000);
    expect(w.progress.stalled()).toMatch(/t\/1@2$/);
  });

  it('keeps its clocks when a read fails, and clears them on stop', async () => {
    let now = 0;
    let fail = false;
    const progress = new PartitionProgress(
      async () => {
        if (fail) throw new Error('broker unreachable');
        return [at(0, 5, 3)];
      },
      1000,
      () => now,
    );
    await progress.sample();
    fail = true;
    now = 1500;
    await progress.sample();
    expect(progress.stalled()).toMatch(/for 2 s/);
    progress.stop();
    expect(progress.stalled()).toBeUndefined();
  });
});
