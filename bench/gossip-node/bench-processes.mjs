// The processes the gossip-node benchmarks start: bench peers (peer.mjs), a gossip-node, and
// Teranode's Go peer (tools/interop, counting mode).
import { execFileSync, fork, spawn } from 'node:child_process';
import { freePort } from '../lib/free-port.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;
const NODE_KEY =
  'c8a1b91ae120878d91a04c904e0d565aa44b2575c1bb30a729bd3e36e2a1d5e6067216fa92b1a1a7e30d0aaabe288e25f1efc0830f309152638b61d84be6b71d';
const NODE_PEER_ID = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';

/** A bench peer (peer.mjs) in its own process; `call` sends a command and awaits the answer. */
export function startPeer(role) {
  return new Promise(async (resolve) => {
    const child = fork(`${here}peer.mjs`, [role, String(await freePort())], { stdio: 'inherit' });
    const waiters = [];
    child.on('message', (message) => {
      if (message.ready) resolve({ child, address: message.address, call });
      else waiters.shift()?.(message);
    });
    const call = (command) =>
      new Promise((answer) => {
        waiters.push(answer);
        child.send(command);
      });
  });
}

/**
 * The built gossip-node (regtest, no node_status of its own, ban-service unreachable) with
 * `settings` added to its environment; resolves once its /metrics answers.
 */
export async function startGossipNode(settings, nodeOptions = '') {
  const port = await freePort();
  const [http, grpc] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [`${root}apps/gossip-node/dist/main.js`], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: nodeOptions,
      log_level: 'warn',
      network: 'regtest',
      p2p_port: String(port),
      p2p_listen_addresses: '127.0.0.1',
      p2p_private_key: NODE_KEY,
      gossip_node_http_listen_address: `127.0.0.1:${http}`,
      p2p_grpc_listen_address: `127.0.0.1:${grpc}`,
      p2p_inbound_connection_threshold: '1000',
      p2p_abort_connection_on_ping_failure: 'false',
      p2p_node_status_enabled: 'false',
      ban_service_grpc_address: '127.0.0.1:1',
      ...settings,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const metrics = async () => (await fetch(`http://127.0.0.1:${http}/metrics`)).text();
  for (let attempt = 0; ; attempt++) {
    try {
      await metrics();
      break;
    } catch {
      if (attempt > 300 || child.exitCode !== null) throw new Error('gossip-node did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { child, http, address: `/ip4/127.0.0.1/tcp/${port}/p2p/${NODE_PEER_ID}`, metrics };
}

/**
 * tools/interop's Go peer (go-p2p-message-bus, as Teranode runs it) in counting mode, built
 * into .cache/interop as netsim builds it (Go's build cache makes that cheap after the first
 * time). `delivered()` counts its first deliveries.
 */
export async function startGoPeer() {
  const binary = `${root}.cache/interop/interop-peer`;
  execFileSync('go', ['build', '-o', binary, '.'], {
    cwd: `${root}tools/interop`,
    env: { ...process.env, GOFLAGS: '-mod=readonly' },
    stdio: 'inherit',
  });
  const port = await freePort();
  const child = spawn(
    binary,
    ['run', '-profile', 'bus', '-count', '-mdns=false', '-port', String(port)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let delivered = 0;
  let pending = '';
  const address = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the Go peer exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const event = JSON.parse(line);
        if (event.event === 'ready') resolve(event.addrs[0]);
        if (event.type === 'delivered') delivered++;
      }
    });
  });
  return { child, address, delivered: () => delivered };
}
