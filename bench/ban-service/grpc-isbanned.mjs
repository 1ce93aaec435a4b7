// gRPC IsBanned requests/s and latency, measured from a separate client process against the
// built ban-service holding 100,000 bans, next to a baseline in the same run: a bare grpc-js
// server (no NestJS, no lookup) answering IsBanned with a constant, i.e. the transport's
// own ceiling on this machine.
//
//   npx nx build ban-service
//   node_modules/.bin/node bench/ban-service/grpc-isbanned.mjs [seconds] [in-flight]
//
// Needs the PostgreSQL of scripts/postgres.sh (or BENCH_DATABASE_URL pointing at a server
// where the user may create databases); no Kafka (the in-process bus is used).
//
// Two load generators, each against both servers: grpc-client.mjs (grpc-js, Node) and, when Go
// is installed, ghz (the Go gRPC load tester, built once into .cache/bench), which spends far
// less of the two cores on itself and so measures the server rather than the client.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { p2p_api } from '@teranode-p2p/contracts';
import pg from 'pg';
import { freePort } from '../lib/free-port.mjs';

const seconds = Number(process.argv[2] ?? 5);
const inFlight = Number(process.argv[3] ?? 16);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const adminUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://teranode:teranode@127.0.0.1:5432/teranode_p2p_test';

async function sql(url, text) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function run(script, args, env = {}, readyWhen) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (readyWhen && readyWhen.test(output)) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    exited.then((code) => {
      clearInterval(timer);
      if (readyWhen && !readyWhen.test(output))
        reject(new Error(`${script} exited (${code}):\n${output}`));
      else resolve();
    });
  });
  return { child, exited, ready, output: () => output };
}

/** The same probes as grpc-client.mjs: a quarter banned addresses, the rest not. */
const probes = Array.from({ length: 1024 }, (_, i) => ({
  ipOrSubnet: i % 4 === 0 ? `10.0.${(i >> 8) & 0x7f}.${i & 0xff}` : `192.0.2.${i & 0xff}`,
}));

/** ghz, built with the machine's Go on first use; undefined when Go is absent. */
function ghzBinary() {
  const dir = join(root, '.cache', 'bench');
  const binary = join(dir, 'ghz');
  if (existsSync(binary)) return binary;
  if (spawnSync('go', ['version']).status !== 0) return undefined;
  mkdirSync(dir, { recursive: true });
  execFileSync('go', ['install', 'github.com/bojand/ghz/cmd/ghz@v0.93.0'], {
    env: { ...process.env, GOBIN: dir },
    stdio: 'inherit',
  });
  return binary;
}

/** Runs ghz (asynchronously: the bare baseline server lives in this process). */
async function ghzClient(binary, address) {
  const dataFile = join(mkdtempSync(join(tmpdir(), 'ghz-')), 'probes.json');
  writeFileSync(dataFile, JSON.stringify(probes));
  const flags = [
    ...['--insecure', '--proto', join(root, 'proto/p2p_api.proto')],
    ...['--import-paths', join(root, 'proto'), '--call', 'p2p_api.PeerService.IsBanned'],
    ...['--concurrency', String(inFlight), '--data-file', dataFile],
  ];
  const ghz = promisify(execFile);
  await ghz(binary, [...flags, '--duration', '1s', address]); // warm-up
  const { stdout } = await ghz(binary, [...flags, '--duration', `${seconds}s`, address]);
  const number = (pattern) => Number(pattern.exec(stdout)?.[1]);
  const ms = (percent) => number(new RegExp(`${percent} % in ([0-9.]+) ms`));
  // Requests still running when the duration ends are cancelled and reported as errors.
  const failures = [...stdout.matchAll(/\[(\w+)\]\s+(\d+) responses/g)]
    .filter(([, code]) => code !== 'OK' && code !== 'Canceled' && code !== 'Unavailable')
    .reduce((sum, [, , count]) => sum + Number(count), 0);
  return {
    perSecond: number(/Requests\/sec:\s+([0-9.]+)/),
    p50Ms: ms(50),
    p99Ms: ms(99),
    errors: failures,
  };
}

const name = `bench_ban_${Date.now().toString(36)}`;
await sql(adminUrl, `CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const grpcPort = await freePort();
const env = {
  DATABASE_URL: url.toString(),
  ban_service_grpc_listen_address: `127.0.0.1:${grpcPort}`,
  ban_service_http_listen_address: `127.0.0.1:${await freePort()}`,
  log_level: 'info',
};
const main = join(root, 'apps/ban-service/dist/main.js');
try {
  // First start creates the schema; then 100,000 bans are loaded straight into Postgres.
  let service = run(main, [], env, /ban-service ready/);
  await service.ready;
  service.child.kill('SIGTERM');
  await service.exited;
  await sql(
    url.toString(),
    `INSERT INTO bans (cidr, created_at, expires_at, reason, source)
       SELECT set_masklen('10.0.0.0'::inet + g, 32)::cidr, now(), now() + interval '1 day', '', 'manual'
       FROM generate_series(0, 39999) g
     UNION ALL
       SELECT ('2001:db8:1::' || to_hex(g) || '/128')::cidr, now(), now() + interval '1 day', '', 'manual'
       FROM generate_series(0, 39999) g
     UNION ALL
       SELECT set_masklen(('172.16.0.0'::inet + g * 256), 24)::cidr, now(), now() + interval '1 day', '', 'manual'
       FROM generate_series(0, 9999) g
     UNION ALL
       SELECT ('2001:db9:' || to_hex(g) || '::/64')::cidr, now(), now() + interval '1 day', '', 'manual'
       FROM generate_series(0, 9999) g`,
  );
  const [{ n }] = (await sql(url.toString(), 'SELECT count(*)::int AS n FROM bans')).rows;
  service = run(main, [], env, /ban-service ready/);
  await service.ready;
  console.log(
    `ban-service on 127.0.0.1:${grpcPort} holding ${n.toLocaleString('en')} bans; client: ${inFlight} in flight, ${seconds} s each`,
  );
  const show = (label, r) =>
    console.log(
      `${label.padEnd(36)} ${Math.round(r.perSecond).toLocaleString('en').padStart(8)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  errors ${r.errors}`,
    );
  const bare = new Server();
  bare.addService(p2p_api.PeerServiceService, {
    isBanned: (_call, callback) => callback(null, { isBanned: false }),
  });
  const barePort = await new Promise((resolve, reject) =>
    bare.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  const client = async (address) => {
    const c = run(join(here, 'grpc-client.mjs'), [
      address,
      'isbanned',
      String(seconds),
      String(inFlight),
    ]);
    await c.exited;
    const line = c.output().trim().split('\n').at(-1);
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`client failed:\n${c.output()}`);
    }
  };
  const ghz = ghzBinary();
  const generators = [
    ['grpc-js client', client],
    ...(ghz ? [['ghz client', async (address) => ghzClient(ghz, address)]] : []),
  ];
  if (!ghz) console.log('Go is not installed: the ghz client is skipped');
  for (const [generator, load] of generators) {
    const baseline = await load(`127.0.0.1:${barePort}`);
    show(`${generator}, bare grpc-js`, baseline);
    const isBanned = await load(`127.0.0.1:${grpcPort}`);
    show(`${generator}, ban-service`, isBanned);
    console.log(
      `  ratio: ban-service IsBanned runs at ${(isBanned.perSecond / baseline.perSecond).toFixed(2)}× the bare grpc-js baseline`,
    );
    console.log(
      `  targets: ≥ 10,000 req/s → ${isBanned.perSecond >= 10_000 ? 'met' : 'NOT met'}; p99 ≤ 10 ms → ${isBanned.p99Ms <= 10 ? 'met' : 'NOT met'}`,
    );
  }
  bare.forceShutdown();
  service.child.kill('SIGTERM');
  await service.exited;
} finally {
  await sql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
