import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { peerIdFromString } from '@libp2p/peer-id';
import {
  freePort,
  requireKafka,
  uniqueName,
  waitFor,
  type SpawnedApp,
} from '@teranode-p2p/testing';
import { fileURLToPath } from 'node:url';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { startBlockchainSimulator } from './support/blockchain-simulator.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { startTestPeer } from './support/test-peer.js';

const SETTINGS_FILE = fileURLToPath(
  new URL('../../../libs/config/test-data/teranode-settings.conf', import.meta.url),
);
/** The file's p2p_shared_key: its peers form a private network. */
const FILE_SHARED_KEY = '285b49e6d910726a70f205086c39cbac6d8dcc47839053a21b1f614773bbc137';
/** The file leaves p2p_min_peers at its default. */
const MIN_PEERS = 5;

// The built gossip-node started as an operator would start it beside Teranode, with Teranode's
// own settings.conf: only what must point at this machine comes from the environment (ports,
// the broker, the ban-service and blockchain addresses, a key, and bootstrap peers on this
// machine instead of the file's /dnsaddr/ names on the Internet).
describe("gossip-node with Teranode's settings.conf", () => {
  let banService: BanServiceDouble;
  let simulator: SpawnedApp;
  let node: NodeProcess | undefined;
  const peers: Libp2pHost[] = [];

  beforeAll(async () => {
    banService = await startBanServiceDouble();
    const simulatorPort = await freePort();
    simulator = await startBlockchainSimulator(simulatorPort);
    const brokers = await requireKafka();
    for (let i = 1; i <= MIN_PEERS; i++)
      peers.push(await startTestPeer({ address: `127.0.0.${70 + i}`, sharedKey: FILE_SHARED_KEY }));
    node = await startNodeProcess(
      {
        SETTINGS_FILE,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_P2P_EVENTS: uniqueName('p2p-events'),
        ban_service_grpc_address: banService.address,
        blockchain_grpc_address: `127.0.0.1:${simulatorPort}`,
        p2p_private_key: (await newNodeKey()).hex,
        p2p_bootstrap_peers: peers.map((peer) => peer.getMultiaddrs()[0]!.toString()).join('|'),
      },
      { address: '127.0.0.70' },
    );
  }, 60_000);

  afterAll(async () => {
    await node?.app.stop();
    await Promise.all(peers.map((peer) => peer.stop()));
    await simulator?.stop();
    await banService?.stop();
  });

  it('becomes ready with its bootstrap peers, reached through the private network the file sets up', async () => {
    const ready = await waitFor(
      'readiness',
      async () => {
        const response = await fetch(`${node!.httpUrl}/health/readiness`);
        const body = (await response.json()) as { info?: Record<string, { status: string }> };
        return response.status === 200 ? (body.info ?? {}) : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(Object.keys(ready)).toEqual(
      expect.arrayContaining(['ban-service', 'blockchain', 'kafka', 'libp2p']),
    );
    expect(Object.values(ready).every((check) => check.status === 'up')).toBe(true);
    expect(ready['libp2p']).toMatchObject({ peers: MIN_PEERS, minPeers: MIN_PEERS });
    expect(node!.app.output()).not.toMatch(/unknown setting|invalid setting/);
  }, 30_000);

  it('runs no DHT, as the file sets p2p_dht_mode = off', async () => {
    const author = peerIdFromString(node!.peerId);
    const protocols = await waitFor('identify of the node', async () => {
      const known = await peers[0]!.peerStore.get(author).catch(() => undefined);
      return known !== undefined && known.protocols.length > 0 ? known.protocols : undefined;
    });
    expect(protocols).toContain('/meshsub/1.1.0');
    expect(protocols.filter((protocol) => protocol.includes('/kad/'))).toEqual([]);
  });
});
