import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestDatabase,
  freePort,
  requireKafka,
  selfSignedCertificate,
  spawnApp,
  spawnNode,
  uniqueName,
  waitFor,
  workspaceRoot,
  type SpawnedApp,
  type TestDatabase,
} from '@teranode-p2p/testing';

const bin = join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs');
const ADMIN_KEY = 'tls-test-key';

// security_level_grpc=1 across the product: ban-service and gossip-node serve TLS with the
// deployment's certificate, and their clients (gossip-node → ban-service, p2pctl) trust it.
describe('gRPC over TLS between the services and p2pctl', () => {
  let dir: string;
  let database: TestDatabase;
  let banService: SpawnedApp;
  let gossipNode: SpawnedApp;
  let tls: Record<string, string>;
  // Until each service has its port: addresses p2pctl accepts, where nothing listens.
  const addresses = { ban: 'localhost:1', node: 'localhost:1' };

  const p2pctl = async (env: Record<string, string>, ...args: string[]) => {
    const run = await spawnNode(bin, {
      args: [...args, '--ban-service', addresses.ban, '--gossip-node', addresses.node],
      env,
    });
    return { code: await run.exited, output: run.output() };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grpc-tls-'));
    const { cert, key } = selfSignedCertificate(dir);
    tls = { security_level_grpc: '1', server_certFile: cert, server_keyFile: key };
    const brokers = (await requireKafka()).join(',');
    database = await createTestDatabase('grpc_tls');
    const banEvents = uniqueName('tls-ban-events');
    // By name: Node warns (DEP0123) when TLS is asked to name an IP address.
    const banPort = await freePort();
    addresses.ban = `localhost:${banPort}`;
    banService = await spawnApp('ban-service', {
      env: {
        ...tls,
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers,
        KAFKA_BAN_EVENTS: banEvents,
        ban_service_grpc_listen_address: `127.0.0.1:${banPort}`,
        ban_service_http_listen_address: `127.0.0.1:${await freePort()}`,
        grpc_admin_api_key: ADMIN_KEY,
      },
      readyWhen: /ban-service ready/,
    });
    const banned = await p2pctl(
      { ...tls, grpc_admin_api_key: ADMIN_KEY },
      ...['ban', '198.51.100.0/24', '--for', '1h'],
    );
    expect(banned.code).toBe(0);
    const nodePort = await freePort();
    addresses.node = `localhost:${nodePort}`;
    gossipNode = await spawnApp('gossip-node', {
      env: {
        ...tls,
        KAFKA_BROKERS: brokers,
        KAFKA_BAN_EVENTS: banEvents,
        KAFKA_P2P_EVENTS: uniqueName('tls-p2p-events'),
        ban_service_grpc_address: addresses.ban,
        p2p_grpc_listen_address: `127.0.0.1:${nodePort}`,
        gossip_node_http_listen_address: `127.0.0.1:${await freePort()}`,
        p2p_port: String(await freePort()),
        p2p_listen_addresses: '127.0.0.1',
        grpc_admin_api_key: ADMIN_KEY,
      },
      readyWhen: /gossip-node ready/,
    });
  }, 90_000);

  afterAll(async () => {
    await gossipNode?.stop();
    await banService?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gossip-node loads the ban list from ban-service over TLS', async () => {
    await waitFor('the ban list at gossip-node', () =>
      gossipNode.output().includes('loaded 1 bans from ban-service'),
    );
  });

  it('p2pctl reaches both over TLS with the settings the services use', async () => {
    const peers = await p2pctl(tls, 'peers', '--json');
    expect(peers).toEqual({ code: 0, output: '[]\n' });
    const bans = await p2pctl(tls, 'bans', '--json');
    expect(bans.code).toBe(0);
    expect(JSON.parse(bans.output)).toEqual([
      expect.objectContaining({ target: '198.51.100.0/24' }),
    ]);
  });

  it('a plaintext p2pctl is told the service is unreachable', async () => {
    expect((await p2pctl({}, 'bans')).code).toBe(3);
    expect((await p2pctl({}, 'peers')).code).toBe(3);
  });
});
