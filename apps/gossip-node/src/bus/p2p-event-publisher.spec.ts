import { describe, expect, it } from '@jest/globals';
import type { BusProducer, OutgoingRecord, RefusedRecord } from '@teranode-p2p/kafka';
import type { ProgressRecovery } from '@teranode-p2p/service-runtime';
import { Registry } from 'prom-client';
import {
  P2pEventPublisher,
  type EventOrigin,
  type P2pEventPublisherOptions,
} from './p2p-event-publisher.js';

/** A producer that fails its first `failures` sends and refuses records with value 0xff. */
function producer(failures: number) {
  const sent: OutgoingRecord[][] = [];
  let left = failures;
  const bus: BusProducer = {
    send: async (_topic, records) => {
      if (left-- > 0) throw new Error('broker down');
      const refused: RefusedRecord[] = [];
      records.forEach((r, index) => {
        if (r.value[0] === 0xff) refused.push({ index, reason: 'too_large', detail: 'big' });
      });
      sent.push(records.filter((_, index) => !refused.some((x) => x.index === index)));
      return { refused, requests: 1 };
    },
    disconnect: async () => undefined,
  };
  return { bus, sent };
}

const record = (n: number, size = 1) => ({ key: String(n), value: Buffer.alloc(size, n) });
const options = (overrides: Partial<P2pEventPublisherOptions> = {}) => ({
  topic: 't',
  maxQueued: 10,
  maxQueuedBytes: 1_000_000,
  stallAfterMs: 30_000,
  ...overrides,
});

function publisherWith(bus: BusProducer, overrides: Partial<P2pEventPublisherOptions> = {}) {
  const registry = new Registry();
  const failed: string[] = [];
  const refused: [RefusedRecord, EventOrigin | undefined][] = [];
  const recovered: ProgressRecovery[] = [];
  const publisher = new P2pEventPublisher(bus, options(overrides), registry, {
    onSendFailed: (error, retryInMs) => failed.push(`${error.message} ${retryInMs}`),
    onRefused: (refusal, origin) => refused.push([refusal, origin]),
    onRecovered: (recovery) => recovered.push(recovery),
  });
  return { publisher, registry, failed, refused, recovered };
}

describe('P2pEventPublisher', () => {
  it('sends queued events and sends a batch again after an unknown outcome, with growing waits', async () => {
    const { bus, sent } = producer(2);
    const { publisher, failed, recovered } = publisherWith(bus);
    for (let n = 0; n < 3; n++) publisher.enqueue(record(n));
    await publisher.close(3000);
    expect(failed).toEqual(['broker down 100', 'broker down 200']);
    expect(recovered).toEqual([
      { waitedMs: expect.any(Number), failedAttempts: 2, lastError: 'broker down' },
    ]);
    expect(sent.flat().map((r) => r.key)).toEqual(['0', '1', '2']);
  });

  it('drops a refused event, names where it came from, and sends the rest on', async () => {
    const { bus, sent } = producer(0);
    const { publisher, registry, refused } = publisherWith(bus);
    publisher.enqueue(record(1), Date.now(), { peerId: 'A', messageId: 'm1' });
    publisher.enqueue(record(0xff), Date.now(), { peerId: 'B', messageId: 'm2' });
    publisher.enqueue(record(3), Date.now(), { peerId: 'C', messageId: 'm3' });
    await publisher.close(3000);
    expect(sent.flat().map((r) => r.key)).toEqual(['1', '3']);
    expect(refused).toEqual([
      [
        expect.objectContaining({ reason: 'too_large', detail: 'big' }),
        { peerId: 'B', messageId: 'm2' },
      ],
    ]);
    const metrics = await registry.metrics();
    expect(metrics).toContain('gossip_node_p2p_events_dropped_total{reason="too_large"} 1');
    expect(metrics).toContain('gossip_node_p2p_events_published_total 2');
    expect(metrics).toContain('gossip_node_p2p_events_queue_bytes 0');
  });

  it('drops and counts events beyond its bound in events and in bytes', async () => {
    const { bus } = producer(1000);
    const byCount = publisherWith(bus, { maxQueued: 2 });
    expect([1, 2, 3].map((n) => byCount.publisher.enqueue(record(n)))).toEqual([true, true, false]);
    expect(byCount.publisher.queued).toBe(2);
    const countMetrics = await byCount.registry.metrics();
    expect(countMetrics).toContain('gossip_node_p2p_events_dropped_total{reason="queue_full"} 1');
    expect(countMetrics).toContain('gossip_node_p2p_events_queue_size 2');
    await byCount.publisher.close(10);

    const byBytes = publisherWith(bus, { maxQueuedBytes: 2_500 });
    expect([1, 2, 3].map((n) => byBytes.publisher.enqueue(record(n, 1000)))).toEqual([
      true,
      true,
      false,
    ]);
    const byteMetrics = await byBytes.registry.metrics();
    expect(byteMetrics).toContain(
      'gossip_node_p2p_events_dropped_total{reason="queue_bytes_full"} 1',
    );
    expect(byteMetrics).toMatch(/gossip_node_p2p_events_queue_bytes 20\d\d/);
    await byBytes.publisher.close(10);
  });

  it('reports a stall with the last error while sends keep failing, and none once they succeed', async () => {
    const { bus } = producer(2);
    const { publisher } = publisherWith(bus, { stallAfterMs: 0 });
    publisher.enqueue(record(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const signal = new AbortController().signal;
    await expect(publisher.progress.check({ signal })).rejects.toThrow(
      /P2PEvents to t has made no progress for \d+ s: broker down/,
    );
    await publisher.close(3000);
    expect(publisher.progress.stalledForMs()).toBe(0);
  });
});
