import { describe, expect, it } from '@jest/globals';
import { KafkaJSProtocolError } from 'kafkajs';
import { FailingHandler, HandlerFailure } from './handler-failure.js';

const clock = () => {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('FailingHandler', () => {
  it("passes a handler's result through and reports nothing", async () => {
    const failing = new FailingHandler();
    await expect(failing.run('t/0', async () => 42)).resolves.toBe(42);
    expect(failing.stalledLongerThan(0)).toBeUndefined();
  });

  it('hands kafkajs a retriable error without a cause, whatever the handler threw', async () => {
    const failing = new FailingHandler();
    const refused = new KafkaJSProtocolError('Not authorized to access topics');
    const thrown = await failing.run('t/0', () => Promise.reject(refused)).catch((e) => e);
    expect(thrown).toBeInstanceOf(HandlerFailure);
    expect(thrown).toMatchObject({ retriable: true, failure: refused });
    expect(thrown.message).toBe('handler failed: Not authorized to access topics');
    expect('cause' in thrown).toBe(false);
    const typeError = new TypeError('x is undefined');
    await expect(failing.run('t/0', () => Promise.reject(typeError))).rejects.toMatchObject({
      name: 'HandlerFailure',
      failure: typeError,
    });
  });

  it('reports a partition failing for longer than the bound, until it succeeds again', async () => {
    const time = clock();
    const failing = new FailingHandler(time.now);
    const fail = (partition: string, offset: string) =>
      failing.run(partition, () => Promise.reject(new Error('no answer')), offset).catch(() => {});
    await fail('t/1', '7');
    time.advance(20_000);
    await fail('t/1', '7');
    await failing.run('t/0', async () => undefined); // another partition moving changes nothing
    expect(failing.stalledLongerThan(30_000)).toBeUndefined();
    time.advance(11_000);
    expect(failing.stalledLongerThan(30_000)).toBe(
      'its handler has failed for 31 s, last on t/1@7: no answer',
    );
    await failing.run('t/1', async () => undefined, '7');
    expect(failing.stalledLongerThan(30_000)).toBeUndefined();
  });

  it('names the partition failing longest and forgets partitions it no longer reads', async () => {
    const time = clock();
    const failing = new FailingHandler(time.now);
    const fail = (partition: string) =>
      failing.run(partition, () => Promise.reject(new Error(`stuck ${partition}`))).catch(() => {});
    await fail('a/0');
    time.advance(5_000);
    await fail('b/3');
    time.advance(40_000);
    expect(failing.stalledLongerThan(30_000)).toMatch(/failed for 45 s, last on a\/0: stuck a\/0$/);
    failing.keepOnly(new Set(['b/3']));
    expect(failing.stalledLongerThan(30_000)).toMatch(/failed for 40 s, last on b\/3: stuck b\/3$/);
    failing.forget('b/3');
    expect(failing.stalledLongerThan(0)).toBeUndefined();
  });
});
