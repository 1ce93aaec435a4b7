import { join } from 'node:path';
import { identify } from '@libp2p/identify';
import { noise } from '@libp2p/noise';
import { ping } from '@libp2p/ping';
import { tcp } from '@libp2p/tcp';
import { yamux } from '@libp2p/yamux';
import { multiaddr } from '@multiformats/multiaddr';
import { waitFor, workspaceRoot } from '@teranode-p2p/testing';
import { createLibp2p, type Libp2p } from 'libp2p';
import WebSocket from 'ws';
import { containers, run } from './containers.js';
import { containerOf } from './stack.js';

/** Where the test reaches the stack: only ports the engine published on 127.0.0.1. */
export interface Endpoints {
  /** host:port of each app's HTTP server (health, metrics; the feed on ws-gateway). */
  readonly http: Readonly<Record<string, string>>;
  readonly banServiceGrpc: string;
  readonly gossipNodeGrpc: string;
  readonly gossipNodeP2p: string;
  readonly apiKey: string;
}

export interface Readiness {
  readonly status: number;
  readonly body: { status?: string; error?: Record<string, unknown> };
}

export async function readiness(address: string): Promise<Readiness> {
  const response = await fetch(`http://${address}/health/readiness`, {
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  let body: Readiness['body'] = {};
  try {
    body = JSON.parse(text) as Readiness['body'];
  } catch {
    body = { status: text.slice(0, 200) };
  }
  return { status: response.status, body };
}

/** Every service answers 200 on /health/readiness. */
export async function everyServiceReady(endpoints: Endpoints): Promise<string> {
  const answers = await Promise.all(
    Object.entries(endpoints.http).map(async ([service, address]) => {
      const { status, body } = await readiness(address);
      if (status !== 200)
        throw new Error(`${service} readiness answered ${status}: ${JSON.stringify(body)}`);
      return `${service} 200`;
    }),
  );
  return answers.join(', ');
}

interface Notification {
  type: string;
  hash?: string;
  height?: number;
  peer_id?: string;
}

/** A block the simulator mines reaches a WebSocket client of ws-gateway. */
export async function blockReachesWebSocket(endpoints: Endpoints): Promise<string> {
  const client = new WebSocket(`ws://${endpoints.http['ws-gateway']}/p2p-ws`);
  const blocks: Notification[] = [];
  client.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Notification;
    if (message.type === 'block') blocks.push(message);
  });
  try {
    const started = Date.now();
    const [block] = await waitFor(
      'a block notification on the WebSocket',
      () => (blocks.length > 0 ? blocks : undefined),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    if (!/^[0-9a-f]{64}$/.test(block!.hash ?? '') || !(Number(block!.height) > 0))
      throw new Error(`malformed block notification: ${JSON.stringify(block)}`);
    return `block ${block!.height} ${block!.hash!.slice(0, 16)}… after ${Date.now() - started} ms`;
  } finally {
    client.close();
  }
}

/** p2pctl, built on this machine, pointed at the published ports only. */
export async function p2pctl(endpoints: Endpoints, ...args: string[]) {
  return run(
    process.execPath,
    [
      join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'),
      ...args,
      '--gossip-node',
      endpoints.gossipNodeGrpc,
      '--ban-service',
      endpoints.banServiceGrpc,
      '--api-key',
      endpoints.apiKey,
      '--json',
    ],
    // No local network's p2pctl.json may fill in anything.
    { env: { LOCAL_DATA_DIR: '/nonexistent/deploy-test' }, allowFailure: true },
  );
}

async function startPeer(): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: [] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), ping: ping() },
  });
}

/**
 * A libp2p peer on this machine connects to gossip-node's published port; p2pctl bans, through
 * ban-service, the /24 the node sees that peer come from; the node drops the peer and refuses
 * it again. Returns what happened, or throws.
 */
export async function banShowsInRefusal(endpoints: Endpoints): Promise<string> {
  const peer = await startPeer();
  const target = multiaddr(`/ip4/${endpoints.gossipNodeP2p.replace(':', '/tcp/')}`);
  const open = () => peer.getConnections().some((c) => c.status === 'open');
  try {
    const connection = await peer.dial(target, { signal: AbortSignal.timeout(10_000) });
    const nodeId = connection.remotePeer.toString();
    const seen = await waitFor(
      'gossip-node to list the peer (p2pctl peers)',
      async () => {
        const { code, stdout } = await p2pctl(endpoints, 'peers');
        if (code !== 0) return undefined;
        const peers = JSON.parse(stdout) as { id: string; addr: string }[];
        return peers.find((p) => p.id === peer.peerId.toString());
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    const ip = /\/ip4\/(\d+\.\d+\.\d+)\.\d+\//.exec(seen.addr);
    if (!ip) throw new Error(`gossip-node lists the peer at ${seen.addr}, not an IPv4 address`);
    // The engine's bridge network: the containers (the listen-only peer too) are in it.
    const subnet = `${ip[1]}.0/24`;
    if (!open()) throw new Error('the connection to gossip-node closed before any ban');

    const started = Date.now();
    const banned = await p2pctl(
      endpoints,
      'ban',
      subnet,
      '--for',
      '10m',
      '--reason',
      'deploy-test',
    );
    if (banned.code !== 0)
      throw new Error(`p2pctl ban ${subnet} exited ${banned.code}: ${banned.stderr}`);
    await waitFor('gossip-node to drop the banned peer', () => !open(), { timeoutMs: 15_000 });
    const dropMs = Date.now() - started;
    const listed = await p2pctl(endpoints, 'bans');
    if (!listed.stdout.includes(subnet)) throw new Error(`p2pctl bans does not list ${subnet}`);
    // A refused dial may complete before the node's gater closes it: judge by what stays open.
    await peer.dial(target, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (open()) throw new Error(`gossip-node accepted the peer again after banning ${subnet}`);
    return `node ${nodeId.slice(-8)} saw the peer from ${seen.addr}; p2pctl ban ${subnet}: dropped ${dropMs} ms after the command started, redial refused`;
  } finally {
    await peer.stop();
  }
}

/**
 * Kills ban-service's container: gossip-node's readiness turns 503 naming ban-service; once the
 * container runs again (its restart policy, or a start), both are ready again.
 */
export async function banServiceOutageShows(endpoints: Endpoints): Promise<string> {
  const gossipNode = endpoints.http['gossip-node']!;
  const container = containerOf('ban-service');
  await containers.engine(['kill', container]);
  const killed = Date.now();
  const down = await waitFor(
    "gossip-node's readiness to name ban-service",
    async () => {
      const answer = await readiness(gossipNode);
      return answer.status === 503 && answer.body.error?.['ban-service'] !== undefined
        ? answer
        : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  const notReadyMs = Date.now() - killed;
  const { stdout } = await containers.engine([
    'inspect',
    '--format',
    '{{.State.Running}}',
    container,
  ]);
  const restartedByPolicy = stdout.trim() === 'true';
  if (!restartedByPolicy) await containers.engine(['start', container]);
  await waitFor(
    'gossip-node and ban-service to be ready again',
    async () =>
      (await readiness(gossipNode)).status === 200 &&
      (await readiness(endpoints.http['ban-service']!)).status === 200,
    { timeoutMs: 90_000, intervalMs: 500 },
  );
  const names = Object.entries(down.body.error ?? {})
    .map(([name, why]) => `${name} (${String((why as { message?: string }).message).slice(0, 60)})`)
    .join(', ');
  return (
    `503 after ${notReadyMs} ms naming ${names}; ` +
    `${restartedByPolicy ? 'restarted by its restart policy' : 'started again'}, ready again after ${Date.now() - killed} ms`
  );
}
