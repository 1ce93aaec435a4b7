import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, waitFor } from '@teranode-p2p/testing';
import type { Libp2pHost } from '../src/host/create-libp2p-host.js';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { blockGossip } from './support/gossip-fixtures.js';
import { collectEvents, type P2pEventCollector } from './support/p2p-event-collector.js';
import { insecure, unary } from './support/grpc.js';
import { dialAndSubscribe, startTestPeer } from './support/test-peer.js';
import { p2p_api } from '@teranode-p2p/contracts';

const BLOCK_TOPIC = 'teranode/bitcoin/1.0.0/regtest-block';
const SHARED_KEY = '4e'.repeat(32);
const ADMIN_KEY = 'Gossip-Admin-Secret-51c0';
const DB_PASSWORD = 'Node-Db-S3cret-Pass-88';

// The built gossip-node at debug level with its key, a pre-shared network key, an admin key
// and a database password set; a peer on the private network sends announcements whose hash
// is one of those secrets (the node logs why it rejects them, quoting the hash).
describe('secrets never reach the logs of gossip-node', () => {
  let collector: P2pEventCollector;
  let banService: BanServiceDouble;
  let node: NodeProcess;
  let peer: Libp2pHost;
  let privateKey: string;

  beforeAll(async () => {
    const events = await collectEvents(await requireKafka());
    collector = events.collector;
    banService = await startBanServiceDouble();
    privateKey = (await newNodeKey()).hex;
    node = await startNodeProcess({
      ...events.env,
      log_level: 'debug',
      p2p_private_key: privateKey,
      p2p_shared_key: SHARED_KEY,
      grpc_admin_api_key: ADMIN_KEY,
      DATABASE_URL: `postgres://teranode:${DB_PASSWORD}@127.0.0.1:1/unused`,
      ban_service_grpc_address: banService.address,
    });
    peer = await startTestPeer({ sharedKey: SHARED_KEY });
    await dialAndSubscribe(peer, node.multiaddr, [BLOCK_TOPIC]);
  }, 60_000);

  afterAll(async () => {
    await peer?.stop();
    await node?.app.stop('SIGKILL');
    await banService?.stop();
    await collector?.stop();
  });

  it('writes none of them to stdout or stderr, also where a message quotes them', async () => {
    const hashes = [`${SHARED_KEY}zz`, privateKey, ADMIN_KEY, DB_PASSWORD];
    for (const hash of hashes) {
      await peer.services.pubsub.publish(BLOCK_TOPIC, blockGossip(peer, { hash, height: 1 }));
    }
    const rejections = () =>
      node.app
        .output()
        .split('\n')
        .filter((line) => line.includes('(bad_hash)'));
    await waitFor('the four rejections logged', () => rejections().length >= hashes.length);
    const peers = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
    await unary(peers, 'connectPeer', { peer_address: ADMIN_KEY }, `${ADMIN_KEY}-wrong`).catch(
      () => undefined,
    );
    await unary(peers, 'connectPeer', { peer_address: `/ip4/${DB_PASSWORD}` }, ADMIN_KEY).catch(
      () => undefined,
    );
    peers.close();
    expect(await node.app.stop('SIGTERM')).toBe(0);

    for (const line of rejections()) expect(line).toContain('[redacted]');
    const output = node.app.output().toLowerCase();
    expect(output).toContain('libp2p host started');
    for (const secret of [privateKey.slice(0, 64), SHARED_KEY, ADMIN_KEY, DB_PASSWORD])
      expect([secret, output.includes(secret.toLowerCase())]).toEqual([secret, false]);
  }, 60_000);

  it('writes one JSON object per line, and Node has nothing to warn of', () => {
    const lines = node.app
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    const isJson = (line: string) => {
      try {
        return typeof JSON.parse(line) === 'object';
      } catch {
        return false;
      }
    };
    expect(lines.filter((line) => !isJson(line))).toEqual([]);
    // kafkajs 2.2.4's request queues armed timers at negative delays, which Node 24 warns of
    const warnings = lines
      .map((line) => JSON.parse(line) as { warning?: { name: string } })
      .filter((entry) => entry.warning);
    expect(warnings).toEqual([]);
    // gossipsub's keys are the class the signature worker is routed through
    expect(node.app.output()).not.toContain('signature checks stay on the event loop');
  });
});
