import { describe, expect, it } from '@jest/globals';
import type { BusProducer, OutgoingRecord } from '@teranode-p2p/kafka';
import { Registry } from 'prom-client';
import { P2pEventPublisher } from './p2p-event-publisher.js';

function producer(failures: number) {
  const sent: OutgoingRecord[][] = [];
  let left = failures;
  const bus: BusProducer = {
    send: async (_topic, records) => {
      if (left-- > 0) throw new Error('broker down');
      sent.push(records);
    },
    disconnect: async () => undefined,
  };
  return { bus, sent };
}

const record = (n: number) => ({ key: String(n), value: Buffer.from([n]) });

describe('P2pEventPublisher', () => {
  it('sends queued records in batches and retries a failed batch', async () => {
    const { bus, sent } = producer(1);
    const errors: string[] = [];
    const publisher = new P2pEventPublisher(bus, 't', 10, new Registry(), (e) =>
      errors.push(e.message),
    );
    for (let n = 0; n < 3; n++) publisher.enqueue(record(n));
    await publisher.close(3000);
    expect(errors).toEqual(['broker down']);
    expect(sent.flat().map((r) => r.key)).toEqual(['0', '1', '2']);
  });

  it('drops and counts records beyond its bound', async () => {
    const { bus } = producer(1000);
    const registry = new Registry();
    const publisher = new P2pEventPublisher(bus, 't', 2, registry, () => undefined);
    expect([1, 2, 3].map((n) => publisher.enqueue(record(n)))).toEqual([true, true, false]);
    expect(publisher.queued).toBe(2);
    const metrics = await registry.metrics();
    expect(metrics).toContain('gossip_node_p2p_events_dropped_total 1');
    expect(metrics).toContain('gossip_node_p2p_events_queue_size 2');
    await publisher.close(10);
  });
});
