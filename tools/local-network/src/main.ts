import { resolve } from 'node:path';
import { LOCAL_DATA_DIR_DEFAULT } from '@teranode-p2p/config';
import { exitOnUnsupportedNode } from '@teranode-p2p/service-runtime';
import { startLocalNetwork } from './local-network.js';

exitOnUnsupportedNode('the local network');

const env = process.env;
const print = (line: string) => process.stdout.write(`${line}\n`);

function intFrom(name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(
      `local network: ${name}="${text}": expected a whole number from ${min} to ${max}\n`,
    );
    process.exit(78);
  }
  return value;
}

function flagFrom(name: string): boolean {
  const text = env[name];
  if (text === undefined || text === '' || text === 'false') return false;
  if (text === 'true') return true;
  process.stderr.write(`local network: ${name}="${text}": expected true or false\n`);
  process.exit(78);
}

const nodes = intFrom('LOCAL_NODES', 3, 1, 20);
const behind = flagFrom('LOCAL_BEHIND');
if (behind && nodes < 2) {
  process.stderr.write('local network: LOCAL_BEHIND=true needs LOCAL_NODES of 2 or more\n');
  process.exit(78);
}

const network = await startLocalNetwork({
  dataDir: resolve(env['LOCAL_DATA_DIR'] || LOCAL_DATA_DIR_DEFAULT),
  nodes,
  basePort: intFrom('LOCAL_BASE_PORT', 20000, 1024, 65000),
  blockInterval: env['LOCAL_BLOCK_INTERVAL'] ?? '5s',
  behind,
  env,
  logLevel: (env['log_level'] as 'warn' | undefined) ?? 'warn',
  print,
}).catch((error: Error) => {
  process.stderr.write(`local network failed to start: ${error.message}\n`);
  process.exit(1);
});

const { endpoints } = network.plan;
print('teranode-p2p local network is up');
print(
  `  database        ${network.embeddedDatabase ? 'embedded PGlite' : 'PostgreSQL'} (${network.databaseUrl.replace(/\/\/([^:@]+):[^@]*@/, '//$1:***@')})`,
);
print(`  message bus     ${env['KAFKA_BROKERS'] ? `Kafka ${env['KAFKA_BROKERS']}` : 'in-process'}`);
for (const node of endpoints.nodes) print(`  ${node.name.padEnd(15)} ${node.address}`);
if (endpoints.behindNode)
  print(
    `  behind          ${endpoints.behindNode} follows its own simulator at height 0; dashboard and p2pctl speak to it (npx p2pctl sync-peer --why)`,
  );
print(`  WebSocket feed  ${endpoints.websocket}`);
print(`  dashboard       ${endpoints.dashboard}`);
print(
  `  gRPC            gossip-node ${endpoints.gossipNodeGrpc.join(', ')}; ban-service ${endpoints.banServiceGrpc}`,
);
print(`  admin key       ${network.identity.adminApiKey}`);
print(
  `  p2pctl          npx p2pctl peers | health | bans | watch  (no flags needed: it reads ${network.p2pctlFile})`,
);
print('Ctrl-C stops the network.');

let stopping = false;
const shutdown = () => {
  if (stopping) process.exit(1);
  stopping = true;
  print('stopping...');
  network.stop().then(
    () => {
      print('stopped');
      process.exit(0);
    },
    (error: Error) => {
      process.stderr.write(`error while stopping: ${error.message}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
