import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestDatabase,
  requireKafka,
  waitFor,
  type TestDatabase,
} from '@teranode-p2p/testing';
import { newNodeKey, startNodeProcess } from './support/gossip-node-process.js';
import { startTestPeer } from './support/test-peer.js';
import { startTxtDnsServer, type TxtDnsServer } from './support/txt-dns-server.js';

type TestPeer = Awaited<ReturnType<typeof startTestPeer>>;

function listed(peer: TestPeer): string {
  return `dnsaddr=${peer.getMultiaddrs()[0]!.toString()}`;
}

function connectedTo(peer: TestPeer, peerId: string): boolean {
  return peer.getConnections().some((c) => c.remotePeer.toString() === peerId);
}

describe('gossip-node: a /dnsaddr/ bootstrap entry dials every peer its TXT records list', () => {
  let database: TestDatabase;
  let common: Record<string, string>;
  let peers: TestPeer[];
  let dns: TxtDnsServer;

  beforeAll(async () => {
    const brokers = await requireKafka();
    database = await createTestDatabase('gossip_node_dnsaddr');
    common = { KAFKA_BROKERS: brokers.join(','), DATABASE_URL: database.url };
    peers = await Promise.all(
      ['127.0.0.41', '127.0.0.42', '127.0.0.43'].map((address) => startTestPeer({ address })),
    );
    dns = await startTxtDnsServer({});
  });

  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.stop()));
    await dns?.close();
    await database?.drop();
  });

  it('connects to each listed peer, follows a nested name and skips records that name no peer', async () => {
    const [a, b, c] = peers as [TestPeer, TestPeer, TestPeer];
    dns.records.set('_dnsaddr.bootstrap.test', [
      'v=spf1 -all',
      listed(a),
      'dnsaddr=not a multiaddr',
      'dnsaddr=/ip4/127.0.0.44/tcp/9905',
      listed(b),
      'dnsaddr=/dnsaddr/more.bootstrap.test',
    ]);
    dns.records.set('_dnsaddr.more.bootstrap.test', [listed(c)]);
    const node = await startNodeProcess({
      ...common,
      p2p_private_key: (await newNodeKey()).hex,
      p2p_dht_mode: 'off',
      p2p_bootstrap_addresses: '/dnsaddr/bootstrap.test',
      p2p_dns_servers: dns.address,
    });
    try {
      await waitFor('the node connected to all three listed peers', async () =>
        [a, b, c].every((peer) => connectedTo(peer, node.peerId)),
      );
      expect(dns.queries).toEqual(
        expect.arrayContaining(['_dnsaddr.bootstrap.test', '_dnsaddr.more.bootstrap.test']),
      );
      const output = node.app.output();
      expect(output).toContain('bootstrap name /dnsaddr/bootstrap.test: skipped');
      expect(output).toContain('dnsaddr=not a multiaddr\\": String multiaddr must start with');
      expect(output).toContain('/ip4/127.0.0.44/tcp/9905: no /p2p/ peer ID');
      expect(output).not.toContain('v=spf1');
      expect(await node.metric('gossip_node_connected_peers')).toBe(3);
    } finally {
      await node.app.stop();
    }
  }, 60_000);

  it('keeps a persistent entry with a peer ID to that peer, trying again until the name resolves', async () => {
    const [a, b] = peers as [TestPeer, TestPeer, TestPeer];
    dns.records.delete('_dnsaddr.later.test');
    const node = await startNodeProcess({
      ...common,
      p2p_private_key: (await newNodeKey()).hex,
      p2p_dht_mode: 'off',
      p2p_bootstrap_addresses: `/dnsaddr/later.test/p2p/${b.peerId.toString()}`,
      p2p_bootstrap_persistent: 'true',
      p2p_dns_servers: dns.address,
    });
    try {
      await waitFor('the node to fail resolving the name', async () =>
        node.app.output().includes('no TXT records for _dnsaddr.later.test'),
      );
      expect(node.app.output()).toMatch(
        /dialling static peer \/dnsaddr\/later\.test\/p2p\/\S+ failed \(no TXT records for _dnsaddr\.later\.test: queryTxt ENOTFOUND _dnsaddr\.later\.test\); retrying in \d+ ms/,
      );
      dns.records.set('_dnsaddr.later.test', [listed(a), listed(b)]);
      await waitFor('the node connected to the named peer', async () =>
        connectedTo(b, node.peerId),
      );
      expect(connectedTo(a, node.peerId)).toBe(false);

      // The peer closes the connection: the node looks the name up again and re-dials.
      const lookups = dns.queries.length;
      const connection = b.getConnections().find((c) => c.remotePeer.toString() === node.peerId);
      await b.hangUp(connection!.remotePeer);
      await waitFor(
        'the node re-dialled the named peer',
        async () => connectedTo(b, node.peerId) && dns.queries.length > lookups,
      );
      expect(await node.metric('gossip_node_connected_peers')).toBe(1);
    } finally {
      await node.app.stop();
    }
  }, 60_000);
});
