// The peer registry at 10,000 peers: how fast ban-service applies gossip batches (one
// observation per peer, as gossip-node sends them once a second) and how long the catch-up
// list takes, against baselines measured in the same run on the same database: the bare
// UPSERT of the same rows and the bare SELECT of the same rows with pg, no gRPC, no rules.
// The catch-up list is timed both ways: ListForCatchup (filtered, ordered and cut in SQL, only
// the catch-up fields), and List with exclude_banned and sort_by_storage (every record, the
// rules in JavaScript), which is how GetPeersForCatchup asked before ListForCatchup.
//
//   npx nx build ban-service && node_modules/.bin/node bench/ban-service/registry.mjs
//   PEERS=10000 BATCH=1000 ROUNDS=200 (defaults), PROF=1 writes a CPU profile of ban-service to
//   /tmp/prof-bs; needs the PostgreSQL of scripts/postgres.sh
//   (or BENCH_DATABASE_URL) and no Kafka (the in-process bus is used).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentials } from '@grpc/grpc-js';
import { peer_registry } from '@teranode-p2p/contracts';
import pg from 'pg';
import { freePort } from '../lib/free-port.mjs';
import { percentiles } from '../lib/percentiles.mjs';

const PEERS = Number(process.env.PEERS ?? 10_000);
const BATCH = Number(process.env.BATCH ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? 200);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const adminUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://teranode:teranode@127.0.0.1:5432/teranode_p2p_test';

const timed = async (work) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

// Peer IDs: base58 of a fixed multihash prefix and a counter, valid libp2p IDs.
const { peerIdFromString } = await import('@libp2p/peer-id');
const { generateKeyPair } = await import('@libp2p/crypto/keys');
const { peerIdFromPrivateKey } = await import('@libp2p/peer-id');
const ids = [];
for (let i = 0; i < PEERS; i++)
  ids.push(peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString());
peerIdFromString(ids[0]);

const database = `bench_registry_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const url = adminUrl.replace(/\/[^/]*$/, `/${database}`);
const grpcAddress = `127.0.0.1:${await freePort()}`;
const service = spawn(
  process.execPath,
  [
    ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-bs'] : []),
    join(root, 'apps/ban-service/dist/main.js'),
  ],
  {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: url,
      ban_service_grpc_listen_address: grpcAddress,
      ban_service_http_listen_address: `127.0.0.1:${await freePort()}`,
      log_level: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let output = '';
service.stdout.on('data', (chunk) => (output += chunk));
const client = new peer_registry.PeerRegistryClient(grpcAddress, credentials.createInsecure());
const call = (method, request) =>
  new Promise((resolve, reject) =>
    client[method](request, (error, response) => (error ? reject(error) : resolve(response))),
  );
for (let attempt = 0; ; attempt++) {
  try {
    await call('list', {
      min_reputation: 0,
      min_height: 0,
      exclude_banned: false,
      sort_by_storage: false,
      connected_only: false,
    });
    break;
  } catch (error) {
    if (attempt > 300) throw new Error(`ban-service did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const batchOf = (from, round) => ({
  connected_for_ms: 60_000,
  reporter: 'bench',
  observations: ids.slice(from, from + BATCH).map((peer_id, i) => ({
    peer_id,
    bytes_received: '300',
    last_message_at: String(Date.now()),
    status: {
      height: 900_000 + ((from + i + round) % 1000),
      block_hash: 'ab'.repeat(32),
      data_hub_url: `https://peer${from + i}.example/api/v1`,
      client_name: 'teranode',
      storage: (from + i) % 3 === 0 ? 'pruned' : 'full',
    },
    connection: 0,
  })),
});

// Fill the registry, then time gossip batches over it.
for (let from = 0; from < PEERS; from += BATCH) await call('applyGossip', batchOf(from, 0));
const applyMs = [];
for (let round = 1; round <= Math.max(3, Math.floor(ROUNDS / 20)); round++)
  for (let from = 0; from < PEERS; from += BATCH)
    applyMs.push(await timed(() => call('applyGossip', batchOf(from, round))));
const applied = (applyMs.length * BATCH) / (applyMs.reduce((a, b) => a + b, 0) / 1000);

// Baseline: the same rows upserted with one statement per batch, straight through pg.
const direct = new pg.Client({ connectionString: url });
await direct.connect();
const upsertMs = [];
for (let round = 1; round <= Math.max(3, Math.floor(ROUNDS / 20)); round++)
  for (let from = 0; from < PEERS; from += BATCH)
    upsertMs.push(
      await timed(() =>
        direct.query(
          `INSERT INTO peer_registry (peer_id, height, bytes_received, last_message_time)
           SELECT id, 900000 + $2::int, 300, now() FROM unnest($1::text[]) AS id
           ON CONFLICT (peer_id) DO UPDATE SET height = EXCLUDED.height,
             bytes_received = peer_registry.bytes_received + 300, last_message_time = now()`,
          [ids.slice(from, from + BATCH), round],
        ),
      ),
    );
const upserted = (upsertMs.length * BATCH) / (upsertMs.reduce((a, b) => a + b, 0) / 1000);

// The catch-up list (List with exclude_banned and sort_by_storage) against the bare SELECT.
const listMs = [];
const catchupMs = [];
const selectMs = [];
let catchupPeers = 0;
for (let i = 0; i < ROUNDS; i++) {
  catchupMs.push(
    await timed(async () => (catchupPeers = (await call('listForCatchup', {})).peers.length)),
  );
  listMs.push(
    await timed(() =>
      call('list', {
        min_reputation: 0,
        min_height: 0,
        exclude_banned: true,
        sort_by_storage: true,
        connected_only: false,
      }),
    ),
  );
  selectMs.push(await timed(() => direct.query('SELECT * FROM peer_registry')));
}

console.log(`registry of ${PEERS} peers, gossip batches of ${BATCH} observations`);
const [applyP50, applyP99] = percentiles(applyMs, 50, 99);
const [listP50, listP99] = percentiles(listMs, 50, 99);
const [selectP50, selectP99] = percentiles(selectMs, 50, 99);
const [catchupP50, catchupP99] = percentiles(catchupMs, 50, 99);
console.log(
  `ApplyGossip: ${applied.toFixed(0)} observations/s (batch p50 ${applyP50.toFixed(1)} ms, p99 ${applyP99.toFixed(1)} ms); bare pg UPSERT: ${upserted.toFixed(0)} rows/s; ratio ${(applied / upserted).toFixed(2)}`,
);
console.log(
  `ListForCatchup at ${PEERS} peers (${catchupPeers} listed): p50 ${catchupP50.toFixed(1)} ms, p99 ${catchupP99.toFixed(1)} ms; p50 ratio to List ${(catchupP50 / listP50).toFixed(2)}, p99 ratio to List ${(catchupP99 / listP99).toFixed(2)}, p99 ratio to the bare SELECT ${(catchupP99 / selectP99).toFixed(2)}`,
);
console.log(
  `catch-up List at ${PEERS} peers: p50 ${listP50.toFixed(1)} ms, p99 ${listP99.toFixed(1)} ms; bare SELECT of the rows: p50 ${selectP50.toFixed(1)} ms, p99 ${selectP99.toFixed(1)} ms; p99 ratio ${(listP99 / selectP99).toFixed(2)}`,
);
await direct.end();
client.close();
service.kill('SIGTERM');
await new Promise((resolve) => service.on('exit', resolve));
await admin.query(`DROP DATABASE ${database}`);
await admin.end();
