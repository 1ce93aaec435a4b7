import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { freePort } from './free-port.js';
import { spawnApp, type SpawnedApp } from './spawn-app.js';
import { waitFor } from './wait-for.js';

export interface NodeProcess {
  readonly app: SpawnedApp;
  readonly peerId: string;
  readonly port: number;
  readonly address: string;
  readonly multiaddr: string;
  readonly httpUrl: string;
  readonly grpcAddress: string;
  readonly env: Record<string, string>;
  /** The value of one metric line (summing all label sets that match `filter`). */
  metric(name: string, filter?: string): Promise<number>;
}

/** A fresh Ed25519 key in Teranode's hex form and its peer ID. */
export async function newNodeKey(): Promise<{ hex: string; peerId: string }> {
  const key = await generateKeyPair('Ed25519');
  return {
    hex: Buffer.from(key.raw).toString('hex'),
    peerId: peerIdFromPrivateKey(key).toString(),
  };
}

const STARTED = /libp2p host started: peer (12D3\w+)/;

/**
 * Starts the built gossip-node as its own process on `address` (a loopback IP) with test
 * tuning: inbound threshold raised, ping failures tolerated. Resolves once the host listens.
 */
export async function startNodeProcess(
  env: Record<string, string>,
  options: { address?: string; port?: number } = {},
): Promise<NodeProcess> {
  const address = options.address ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const httpPort = await freePort();
  const grpcPort = await freePort();
  const fullEnv = {
    log_level: 'info',
    p2p_port: String(port),
    p2p_listen_addresses: address,
    gossip_node_http_listen_address: `127.0.0.1:${httpPort}`,
    p2p_grpc_listen_address: `127.0.0.1:${grpcPort}`,
    p2p_inbound_connection_threshold: '1000',
    p2p_abort_connection_on_ping_failure: 'false',
    ...env,
  };
  const app = await spawnApp('gossip-node', { env: fullEnv, readyWhen: /gossip-node ready/ });
  const peerId = STARTED.exec(app.output())![1]!;
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  return {
    app,
    peerId,
    port,
    address,
    multiaddr: `/ip4/${address}/tcp/${port}/p2p/${peerId}`,
    httpUrl,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    env: fullEnv,
    metric: async (name, filter = '') => {
      const text = await (await fetch(`${httpUrl}/metrics`)).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith(name) && line.includes(filter))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    },
  };
}

/** Waits until the node reports at least `count` connected peers. */
export async function waitForPeers(
  node: NodeProcess,
  count: number,
  timeoutMs = 15_000,
): Promise<void> {
  await waitFor(
    `${node.peerId} to have ${count} peers`,
    async () => (await node.metric('gossip_node_connected_peers')) >= count,
    { timeoutMs },
  );
}
