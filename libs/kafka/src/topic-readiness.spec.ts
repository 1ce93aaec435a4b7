import { describe, expect, it } from '@jest/globals';
import { isTopicNotYetServed, retryWhileTopicsNotServed } from './topic-readiness.js';

const notServed = Object.assign(new Error('This server does not host this topic-partition'), {
  type: 'UNKNOWN_TOPIC_OR_PARTITION',
});

function clock() {
  let t = 0;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => t,
    sleep: async (ms: number) => {
      pauses.push(ms);
      t += ms;
    },
  };
}

describe('retryWhileTopicsNotServed', () => {
  it('tries again while the topic is not yet served, then returns the result', async () => {
    const time = clock();
    let calls = 0;
    const result = await retryWhileTopicsNotServed(
      async () => {
        if (++calls < 4) throw notServed;
        return 'served';
      },
      { timeoutMs: 30_000, ...time },
    );
    expect(result).toBe('served');
    expect(time.pauses).toEqual([100, 200, 300]);
  });

  it('gives up with the broker’s error once the time is over', async () => {
    const time = clock();
    await expect(
      retryWhileTopicsNotServed(
        async () => {
          throw notServed;
        },
        { timeoutMs: 2_000, ...time },
      ),
    ).rejects.toBe(notServed);
    expect(time.now()).toBeGreaterThanOrEqual(2_000);
    expect(time.now()).toBeLessThan(4_000);
  });

  it('does not retry any other error', async () => {
    const time = clock();
    const refused = Object.assign(new Error('not authorized'), {
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
    let calls = 0;
    await expect(
      retryWhileTopicsNotServed(
        async () => {
          calls++;
          throw refused;
        },
        { timeoutMs: 30_000, ...time },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
    expect(isTopicNotYetServed(new Error('plain'))).toBe(false);
    expect(isTopicNotYetServed(undefined)).toBe(false);
  });
});
