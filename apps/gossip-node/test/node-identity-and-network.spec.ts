import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { multiaddr } from '@multiformats/multiaddr';
import {
  createTestDatabase,
  requireKafka,
  waitFor,
  type TestDatabase,
} from '@teranode-p2p/testing';
import pg from 'pg';
import { newNodeKey, startNodeProcess, waitForPeers } from './support/gossip-node-process.js';
import { startTestPeer } from './support/test-peer.js';

const SHARED_KEY = '285b49e6d910726a70f205086c39cbac6d8dcc47839053a21b1f614773bbc137';
const OTHER_KEY = 'ab'.repeat(32);

describe('gossip-node identity, private network and static peers', () => {
  let database: TestDatabase;
  let common: Record<string, string>;

  beforeAll(async () => {
    const brokers = await requireKafka();
    database = await createTestDatabase('gossip_node');
    common = { KAFKA_BROKERS: brokers.join(','), DATABASE_URL: database.url };
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('generates a key once, stores it in node_keys and keeps its peer ID across restarts', async () => {
    const first = await startNodeProcess({ ...common, p2p_node_name: 'alpha' });
    await first.app.stop();
    expect(first.app.output()).toContain('key from database (created)');
    const second = await startNodeProcess({ ...common, p2p_node_name: 'alpha' });
    await second.app.stop();
    expect(second.app.output()).toContain('key from database)');
    expect(second.peerId).toBe(first.peerId);

    const other = await startNodeProcess({ ...common, p2p_node_name: 'beta' });
    await other.app.stop();
    expect(other.peerId).not.toBe(first.peerId);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const rows = await client.query('SELECT node_name, peer_id FROM node_keys ORDER BY node_name');
    await client.end();
    expect(rows.rows).toEqual([
      { node_name: 'alpha', peer_id: first.peerId },
      { node_name: 'beta', peer_id: other.peerId },
    ]);
  }, 60_000);

  it('admits only peers with the same shared key', async () => {
    const key = await newNodeKey();
    const node = await startNodeProcess({
      ...common,
      p2p_private_key: key.hex,
      p2p_shared_key: SHARED_KEY,
    });
    const stranger = await startTestPeer({ sharedKey: OTHER_KEY });
    const member = await startTestPeer({ sharedKey: SHARED_KEY });
    const open = await startTestPeer();
    try {
      await expect(
        stranger.dial(multiaddr(node.multiaddr), { signal: AbortSignal.timeout(3000) }),
      ).rejects.toThrow();
      await expect(
        open.dial(multiaddr(node.multiaddr), { signal: AbortSignal.timeout(3000) }),
      ).rejects.toThrow();
      const connection = await member.dial(multiaddr(node.multiaddr), {
        signal: AbortSignal.timeout(3000),
      });
      expect(connection.remotePeer.toString()).toBe(key.peerId);
      await waitForPeers(node, 1);
      expect(await node.metric('gossip_node_connected_peers')).toBe(1);
    } finally {
      await Promise.all([stranger.stop(), member.stop(), open.stop()]);
      await node.app.stop();
    }
  }, 40_000);

  it.each([
    ['a static peer', (address: string) => ({ p2p_static_peers: address })],
    [
      'a bootstrap peer with p2p_bootstrap_persistent',
      (address: string) => ({ p2p_bootstrap_addresses: address, p2p_bootstrap_persistent: 'true' }),
    ],
  ])(
    're-dials %s that restarts',
    async (_what, peerSettings) => {
      const keyA = await newNodeKey();
      const a = await startNodeProcess(
        { ...common, p2p_private_key: keyA.hex },
        { address: '127.0.0.5' },
      );
      const b = await startNodeProcess(
        { ...common, p2p_private_key: (await newNodeKey()).hex, ...peerSettings(a.multiaddr) },
        { address: '127.0.0.6' },
      );
      try {
        await waitForPeers(b, 1);
        const stoppedAt = Date.now();
        await a.app.stop();
        await waitFor(
          'b to notice a is gone',
          async () => (await b.metric('gossip_node_connected_peers')) === 0,
        );
        const again = await startNodeProcess(
          { ...common, p2p_private_key: keyA.hex },
          { address: '127.0.0.5', port: a.port },
        );
        const listeningAt = Date.now();
        try {
          await waitForPeers(again, 1, 40_000);
          // b re-dials with backoff (0.5 s doubling, ±20 %): once a listens again, b's next
          // attempt comes within about 1.5 times as long as a was away (its start under load
          // included), not at the 30 s cap or never.
          const awayMs = listeningAt - stoppedAt;
          expect(Date.now() - listeningAt).toBeLessThan(1.5 * awayMs + 3_000);
        } finally {
          await again.app.stop();
        }
      } finally {
        await b.app.stop();
        await a.app.stop();
      }
    },
    90_000,
  );

  it('closes the least useful peers at p2p_conn_high_water down to p2p_conn_low_water, keeping static peers', async () => {
    const staticPeer = await startTestPeer({ address: '127.0.0.21' });
    const others = [
      await startTestPeer({ address: '127.0.0.22' }),
      await startTestPeer({ address: '127.0.0.23' }),
    ];
    const node = await startNodeProcess(
      {
        ...common,
        p2p_private_key: (await newNodeKey()).hex,
        p2p_static_peers: staticPeer.getMultiaddrs()[0]!.toString(),
        p2p_conn_high_water: '3',
        p2p_conn_low_water: '1',
        p2p_min_peers: '1',
      },
      { address: '127.0.0.20' },
    );
    const connectedTo = (peer: typeof staticPeer) =>
      peer
        .getConnections()
        .some((c) => c.remotePeer.toString() === node.peerId && c.status === 'open');
    try {
      await waitForPeers(node, 1);
      await others[0]!.dial(multiaddr(node.multiaddr));
      await waitForPeers(node, 2);
      await others[1]!.dial(multiaddr(node.multiaddr)).catch(() => undefined);
      await waitFor(
        'the node to trim to one peer',
        async () => (await node.metric('gossip_node_connected_peers')) === 1,
      );
      expect(connectedTo(staticPeer)).toBe(true);
      expect(node.app.output()).toContain('closing 2 to get to p2p_conn_low_water 1');
    } finally {
      await Promise.all([staticPeer.stop(), ...others.map((p) => p.stop())]);
      await node.app.stop();
    }
  }, 40_000);
});
