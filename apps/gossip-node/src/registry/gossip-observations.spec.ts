import { describe, expect, it } from '@jest/globals';
import { peer_registry } from '@teranode-p2p/contracts';
import { Registry } from 'prom-client';
import { GossipObservations } from './gossip-observations.js';

const { Connection } = peer_registry;
const status = (height: number) => ({
  height,
  block_hash: '',
  data_hub_url: `https://p${height}.example`,
  client_name: '',
  storage: '',
});

describe('gossip sightings for the peer registry', () => {
  it('coalesces per peer: bytes add up, the newest time and status win, the last connection change wins', () => {
    const seen = new GossipObservations(10, new Registry());
    seen.seen({ peerId: 'a', bytes: 100, atMs: 5, status: status(1) });
    seen.seen({ peerId: 'a', bytes: 50, atMs: 3 });
    seen.seen({ peerId: 'a', bytes: 1, atMs: 9, status: status(2) });
    seen.connection('a', false);
    seen.connection('b', true);
    expect(seen.take().observations).toEqual([
      {
        peer_id: 'a',
        bytes_received: '151',
        last_message_at: '9',
        status: status(2),
        connection: Connection.DISCONNECTED,
      },
      {
        peer_id: 'b',
        bytes_received: '0',
        last_message_at: '0',
        status: undefined,
        connection: Connection.CONNECTED,
      },
    ]);
    expect(seen.size).toBe(0);
  });

  it('puts back a batch that was not applied under what arrived meanwhile', () => {
    const seen = new GossipObservations(10, new Registry());
    seen.seen({ peerId: 'a', bytes: 100, atMs: 5, status: status(1) });
    seen.connection('a', true);
    const failed = seen.take();
    seen.seen({ peerId: 'a', bytes: 7, atMs: 8, status: status(3) });
    seen.connection('a', false);
    seen.restore(failed);
    expect(seen.take().observations).toEqual([
      {
        peer_id: 'a',
        bytes_received: '107',
        last_message_at: '8',
        status: status(3),
        connection: Connection.DISCONNECTED,
      },
    ]);
  });

  it('holds at most maxPeers peers and counts the sightings it drops', async () => {
    const registry = new Registry();
    const seen = new GossipObservations(2, registry);
    for (const peerId of ['a', 'b', 'c', 'd']) seen.seen({ peerId, bytes: 1, atMs: 1 });
    seen.seen({ peerId: 'a', bytes: 1, atMs: 2 });
    expect(seen.size).toBe(2);
    const metrics = await registry.metrics();
    expect(metrics).toContain('gossip_node_registry_observations_dropped_total 2');
    expect(metrics).toContain('gossip_node_registry_pending_peers 2');
  });

  it('hands out batches of at most so many peers and about so many bytes, oldest first', () => {
    const seen = new GossipObservations(100, new Registry());
    for (let i = 0; i < 5; i++)
      seen.seen({ peerId: `p${i}`, bytes: 1, atMs: i, status: status(i) });
    expect(seen.take(2).observations.map((o) => o.peer_id)).toEqual(['p0', 'p1']);
    // Each observation here is about 48 + 2 + 20 bytes: two fit in 150, not three.
    expect(seen.take(10, 150).observations.map((o) => o.peer_id)).toEqual(['p2', 'p3']);
    // One observation larger than the budget still goes, alone.
    expect(seen.take(10, 1).observations.map((o) => o.peer_id)).toEqual(['p4']);
    expect(seen.size).toBe(0);
  });
});
