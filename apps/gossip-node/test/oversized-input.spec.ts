import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status, type ServiceError } from '@grpc/grpc-js';
import { p2p_api } from '@teranode-p2p/contracts';
import { startBanServiceDouble, type BanServiceDouble } from './support/ban-service-double.js';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';

const API_KEY = 'test-admin-key';
const MIB = 1024 * 1024;
const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
// Looks like a peer ID; base58-decoding it takes time quadratic in its length.
const BASE58 = (length: number) => `12D3KooW${'z'.repeat(length - 8)}`;

// A real gossip-node process; each case on a fresh client whose connection must survive the
// refusal.
describe('gossip-node refuses 1 MiB ConnectPeer and DisconnectPeer input with a short message', () => {
  let banService: BanServiceDouble;
  let node: NodeProcess;

  beforeAll(async () => {
    banService = await startBanServiceDouble();
    node = await startNodeProcess({
      network: 'regtest',
      grpc_admin_api_key: API_KEY,
      ban_service_grpc_address: banService.address,
      p2p_min_peers: '0',
      p2p_private_key: (await newNodeKey()).hex,
    });
  }, 60_000);

  afterAll(async () => {
    await node?.app.stop();
    await banService?.stop();
  });

  it.each([
    ['1 MiB of text', 'connectPeer', 'peer_address', 'x'.repeat(MIB), 'too long'],
    [
      'a 1 MiB host',
      'connectPeer',
      'peer_address',
      `/dns4/${'a'.repeat(MIB)}/tcp/1/p2p/${PEER}`,
      'too long',
    ],
    [
      'a 1 MiB /p2p/ value',
      'connectPeer',
      'peer_address',
      `/ip4/127.0.0.1/tcp/1/p2p/${BASE58(MIB)}`,
      'too long',
    ],
    [
      '1000 characters of text',
      'connectPeer',
      'peer_address',
      'x'.repeat(1000),
      'is not a multiaddr',
    ],
    [
      'a 1000-character IPv4',
      'connectPeer',
      'peer_address',
      `/ip4/${'x'.repeat(1000)}`,
      'is not a multiaddr',
    ],
    [
      'a 500-character /p2p/ value',
      'connectPeer',
      'peer_address',
      `/ip4/127.0.0.1/tcp/1/p2p/${BASE58(500)}`,
      '/p2p/<peer ID>',
    ],
    ['1 MiB of text', 'disconnectPeer', 'peer_id', 'x'.repeat(MIB), 'is not a peer ID'],
    ['1 MiB of base58', 'disconnectPeer', 'peer_id', BASE58(MIB), 'is not a peer ID'],
  ])(
    '%s as %s %s: INVALID_ARGUMENT, and the same connection answers the next call',
    async (_input, method, field, value, message) => {
      const peers = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
      try {
        const error = await unary(peers, method, { [field]: value }, API_KEY).catch(
          (e: ServiceError) => e,
        );
        expect(error).toMatchObject({ code: status.INVALID_ARGUMENT });
        const details = (error as ServiceError).details;
        expect(details).toContain(message);
        expect(details).toContain(
          `${JSON.stringify(value.slice(0, 48))}… (${value.length} characters)`,
        );
        expect(details.length).toBeLessThan(200);
        expect(await unary(peers, 'getPeers', {})).toEqual({ peers: [] });
      } finally {
        peers.close();
      }
    },
    20_000,
  );
});
