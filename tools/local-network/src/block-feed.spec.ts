import { afterEach, describe, expect, it } from '@jest/globals';
import { p2p_events, p2pEventsTopic } from '@teranode-p2p/contracts';
import { MemoryMessageBus, type BusConsumer } from '@teranode-p2p/kafka';
import { waitFor } from '@teranode-p2p/testing';
import { startBlockFeed } from './block-feed.js';

const TOPIC = 'p2p.events';
const NAMES = new Map([
  ['peer-1', 'node1'],
  ['peer-2', 'node2'],
  ['peer-3', 'node3'],
]);
const hash = (n: number) => n.toString(16).padStart(64, '0');

function blockEvent(height: number, receiver: string, receivedAtMs: number, sender = 'peer-1') {
  return p2pEventsTopic.toRecord(
    p2p_events.P2PEvent.fromPartial({
      sender_peer_id: sender,
      receiver_peer_id: receiver,
      topic: 'teranode/bitcoin/1.0.0/regtest-block',
      received_at_ms: String(receivedAtMs),
      block: { hash: hash(height), height, data_hub_url: 'https://hub.example/api/v1' },
    }),
  );
}

describe('the local network block feed', () => {
  const bus = new MemoryMessageBus();
  let feed: BusConsumer | undefined;
  afterEach(async () => {
    await feed?.stop();
  });

  async function start(windowMs: number) {
    const lines: string[] = [];
    feed = startBlockFeed(bus, TOPIC, NAMES, (line) => lines.push(line), windowMs);
    await feed.start();
    return { lines, producer: await bus.createProducer() };
  }

  it('prints a block once, with every node that received it and how much later', async () => {
    const { lines, producer } = await start(10_000);
    await producer.send(TOPIC, [blockEvent(7, 'peer-2', 1_000), blockEvent(7, 'peer-2', 1_001)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([]);
    await producer.send(TOPIC, [blockEvent(7, 'peer-3', 1_004), blockEvent(7, 'peer-3', 1_005)]);
    await waitFor('the block line', () => lines.length === 1);
    expect(lines[0]).toBe(
      `block 7 ${hash(7)} announced by node1, received by node2 (+0 ms), node3 (+4 ms)`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toHaveLength(1);
  });

  it('after its window, names how many nodes did not receive it', async () => {
    const { lines, producer } = await start(200);
    await producer.send(TOPIC, [blockEvent(8, 'peer-3', 2_000)]);
    await waitFor('the block line', () => lines.length === 1);
    expect(lines[0]).toBe(
      `block 8 ${hash(8)} announced by node1, received by node3 (+0 ms); 1 node(s) not within 200 ms`,
    );
    await producer.send(TOPIC, [blockEvent(8, 'peer-2', 2_500)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines).toHaveLength(1);
  });

  it('goes on past records that are not P2PEvents', async () => {
    const { lines, producer } = await start(300);
    await producer.send(TOPIC, [{ value: Buffer.from([0xff, 0xff, 0xff]) }]);
    await producer.send(TOPIC, [blockEvent(9, 'peer-1', 3_000, 'outsider')]);
    await waitFor('the outsider block', () => lines.length === 1);
    expect(lines[0]).toMatch(/announced by outsider, received by node1 \(\+0 ms\); 2 node/);
  });

  it('reports the oldest waiting block early when a thousand more wait, and no block twice', async () => {
    const { lines, producer } = await start(60_000);
    const heights = Array.from({ length: 1001 }, (_, i) => 100 + i);
    await producer.send(
      TOPIC,
      heights.map((height) => blockEvent(height, 'peer-2', 5_000)),
    );
    await waitFor('the oldest block line', () => lines.length === 1);
    expect(lines[0]).toBe(
      `block 100 ${hash(100)} announced by node1, received by node2 (+0 ms); 1 node(s) not within 60000 ms`,
    );
    await producer.send(TOPIC, [
      blockEvent(100, 'peer-3', 5_010),
      blockEvent(101, 'peer-3', 5_020),
    ]);
    await waitFor('block 101 complete', () => lines.length === 2);
    expect(lines[1]).toBe(
      `block 101 ${hash(101)} announced by node1, received by node2 (+0 ms), node3 (+20 ms)`,
    );
  });
});
