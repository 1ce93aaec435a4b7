import { describe, expect, it } from '@jest/globals';
import { p2p_events } from '@teranode-p2p/contracts';
import { Registry } from 'prom-client';
import { SeenMessages } from './seen-messages.js';

const block = (fields: Parameters<typeof p2p_events.P2PEvent.fromPartial>[0] = {}) =>
  p2p_events.P2PEvent.fromPartial({
    sender_peer_id: 'author',
    receiver_peer_id: 'node1',
    topic: 'teranode/bitcoin/1.0.0/regtest-block',
    received_at_ms: '1000',
    block: { hash: 'ab'.repeat(32), height: 5, data_hub_url: 'http://a', peer_id: 'author' },
    ...fields,
  });

function seenMessages(maxMessages = 100, windowMs = 1_000) {
  let now = 0;
  const registry = new Registry();
  const seen = new SeenMessages({ maxMessages, windowMs, now: () => now }, registry);
  return { seen, registry, advance: (ms: number) => (now += ms) };
}

describe('SeenMessages', () => {
  it('takes the copies other nodes of ours received for the message already seen', () => {
    const { seen } = seenMessages();
    expect(seen.firstSighting(block())).toBe(true);
    expect(seen.firstSighting(block({ receiver_peer_id: 'node2', received_at_ms: '1250' }))).toBe(
      false,
    );
    expect(seen.firstSighting(block({ receiver_peer_id: 'node3' }))).toBe(false);
  });

  it('shows the same content from the same node again: the author published it again', () => {
    const { seen } = seenMessages();
    // node1 and node2 receive it twice; node2's copies are dropped, whatever the order.
    expect(seen.firstSighting(block())).toBe(true);
    expect(seen.firstSighting(block())).toBe(true);
    expect(seen.firstSighting(block({ receiver_peer_id: 'node2' }))).toBe(false);
    expect(seen.firstSighting(block({ receiver_peer_id: 'node2' }))).toBe(false);
  });

  it('tells apart messages of another author, topic or content', () => {
    const { seen } = seenMessages();
    expect(seen.firstSighting(block())).toBe(true);
    expect(seen.firstSighting(block({ sender_peer_id: 'other' }))).toBe(true);
    expect(seen.firstSighting(block({ topic: 'teranode/bitcoin/1.0.0/regtest-x' }))).toBe(true);
    expect(seen.firstSighting(block({ block: { hash: 'cd'.repeat(32), peer_id: 'author' } }))).toBe(
      true,
    );
    const status = (uptime: number) =>
      p2p_events.P2PEvent.fromPartial({
        sender_peer_id: 'author',
        node_status: { peer_id: 'author', uptime },
      });
    expect(seen.firstSighting(status(10))).toBe(true);
    expect(seen.firstSighting(status(20))).toBe(true);
  });

  it('forgets a message after its window, so a later announcement shows again', () => {
    const { seen, advance } = seenMessages(100, 1_000);
    expect(seen.firstSighting(block())).toBe(true);
    advance(999);
    expect(seen.firstSighting(block({ receiver_peer_id: 'node2' }))).toBe(false);
    advance(1);
    expect(seen.firstSighting(block({ receiver_peer_id: 'node3' }))).toBe(true);
  });

  it('is bounded, and shows its size and early evictions as metrics', async () => {
    const { seen, registry } = seenMessages(2, 60_000);
    for (const height of [1, 2, 3]) seen.firstSighting(block({ block: { height } }));
    expect(seen.size).toBe(2);
    const text = await registry.metrics();
    expect(text).toContain('ws_gateway_seen_messages 2');
    expect(text).toContain('ws_gateway_seen_messages_evicted_total 1');
  });
});
