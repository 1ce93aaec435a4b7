// ws-gateway fan-out benchmark: deliveries/s, delivery latency and RSS per idle connection for
// 1,000 and 10,000 local clients, against a bare `ws` server measured in the same run. Both
// servers read the same Kafka topic; the clients run in a separate process. See README.md.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { p2p_events, p2pEventsTopic } from '@teranode-p2p/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../lib/free-port.mjs';
import { cpuSeconds } from '../lib/process-cpu.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const clientCounts = (process.env.BENCH_CLIENTS ?? '1000,10000').split(',').map(Number);
const BURST_DELIVERIES = Number(process.env.BENCH_BURST_DELIVERIES ?? 500_000);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 10);
const STEADY_DELIVERIES_PER_S = Number(process.env.BENCH_STEADY_RATE ?? 20_000);
const runId = `${Date.now().toString(36)}`;
const topic = `bench-ws-gateway-${runId}`;

const nowMs = () => performance.timeOrigin + performance.now();

function rssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

/** CPU seconds (user + system) a process has used so far. */
/** ws-gateway's own view: how many fan-out turns it ran and their mean duration. */
async function fanoutSeconds(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name) => Number(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1]);
  const turns = value('ws_gateway_fanout_seconds_count');
  return { turns, meanMs: (value('ws_gateway_fanout_seconds_sum') / turns) * 1000 };
}

function startProcess(args, env, readyPattern) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

async function startServer(kind, port) {
  const group = `bench-${kind}-${runId}-${port}`;
  if (kind === 'bare') {
    return startProcess(
      [join(here, 'bare-server.mjs'), String(port), brokers, topic, group],
      {},
      /bare ws server ready/,
    );
  }
  return startProcess(
    [join(root, 'apps/ws-gateway/dist/main.js')],
    {
      KAFKA_BROKERS: brokers,
      KAFKA_P2P_EVENTS: topic,
      p2p_http_listen_address: `127.0.0.1:${port}`,
      ws_replica_name: group,
      ws_max_clients: '20000',
      ws_ping_interval: '1h',
      log_level: 'info',
    },
    /ws-gateway ready/,
  );
}

function startClients(port, count) {
  const child = fork(
    join(here, 'clients.mjs'),
    ['127.0.0.1', String(port), '/p2p-ws', String(count)],
    { stdio: 'inherit' },
  );
  const waiters = [];
  child.on('message', (message) => waiters.shift()?.(message));
  const next = () => new Promise((resolve) => waiters.push(resolve));
  const ask = (command) => {
    const answer = next();
    child.send(command);
    return answer;
  };
  return { child, next, ask };
}

const PEER = '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n';
function eventBytes(hash) {
  const event = p2p_events.P2PEvent.fromPartial({
    sender_peer_id: PEER,
    received_at_ms: String(Date.now()),
    subtree: { hash: hash.padEnd(64, 'a'), data_hub_url: 'https://a.io/', peer_id: '' },
  });
  return p2pEventsTopic.encode(event);
}

async function measure(kind, clientCount, producer) {
  const port = await freePort();
  const server = await startServer(kind, port);
  const result = { kind, clients: clientCount };
  const clients = startClients(port, clientCount);
  try {
    await clients.next(); // ready
    await sleep(1000);
    // RSS per idle connection is the slope between a tenth of the clients and all of them, so
    // the one-time cost of the first connections (heap growth, code compiled) is left out.
    const rssBefore = rssKb(server.pid);
    const first = Math.max(1, Math.round(clientCount / 10));
    const connectStart = nowMs();
    await clients.ask({ cmd: 'connect', count: first });
    await sleep(2000);
    const rssFirst = rssKb(server.pid);
    await clients.ask({ cmd: 'connect' });
    result.connectS = (nowMs() - connectStart - 2000) / 1000;
    await sleep(2000);
    const rssAll = rssKb(server.pid);
    result.rssPerIdleConnectionKb = (rssAll - rssFirst) / (clientCount - first);
    result.rssPerConnectionIncludingFirstKb = (rssAll - rssBefore) / clientCount;

    // The server starts at the latest offset once joined: probe until every client sees one.
    for (let i = 0; ; i++) {
      await producer.send({ topic, messages: [{ value: eventBytes(`probe${i}`) }] });
      await sleep(300);
      if ((await clients.ask({ cmd: 'probed?' })).probed === clientCount) break;
      if (i > 100) throw new Error('the server never delivered the probe to every client');
    }
    await sleep(500);

    // Burst: M events at once, stamped when sent; time until the last client has them all.
    const events = Math.max(1, Math.round(BURST_DELIVERIES / clientCount));
    await clients.ask({ cmd: 'reset', expected: events * clientCount, timeoutMs: 120_000 });
    const done = clients.next();
    const cpuBefore = [cpuSeconds(server.pid), cpuSeconds(clients.child.pid)];
    const sentAt = nowMs();
    const stamp = sentAt.toFixed(3);
    await producer.send({
      topic,
      messages: Array.from({ length: events }, () => ({ value: eventBytes(stamp) })),
    });
    const burst = await done;
    const seconds = (burst.lastDeliveryAt - sentAt) / 1000;
    const cpuAfter = [cpuSeconds(server.pid), cpuSeconds(clients.child.pid)];
    result.burst = {
      events,
      deliveries: burst.deliveries,
      complete: !burst.timedOut,
      deliveriesPerS: burst.deliveries / seconds,
      medianMs: burst.latencyMedianMs,
      p99Ms: burst.latencyP99Ms,
      serverCpuS: cpuAfter[0] - cpuBefore[0],
      clientsCpuS: cpuAfter[1] - cpuBefore[1],
    };
    await sleep(1000);

    // Steady: a fixed event rate well inside both servers' capacity; latency per delivery.
    const rate = STEADY_DELIVERIES_PER_S / clientCount;
    await clients.ask({ cmd: 'reset' });
    const steadyStart = nowMs();
    let sent = 0;
    while (nowMs() - steadyStart < STEADY_SECONDS * 1000) {
      const due = steadyStart + (sent * 1000) / rate;
      if (due > nowMs()) await sleep(due - nowMs());
      await producer.send({ topic, messages: [{ value: eventBytes(nowMs().toFixed(3)) }] });
      sent++;
    }
    await sleep(2000);
    const steady = await clients.ask({ cmd: 'report' });
    result.steady = {
      eventsPerS: rate,
      events: sent,
      deliveries: steady.deliveries,
      expected: sent * clientCount,
      medianMs: steady.latencyMedianMs,
      p99Ms: steady.latencyP99Ms,
    };
    result.closedByServer = steady.closedByServer;
    if (kind === 'gateway') result.fanout = await fanoutSeconds(port);
  } finally {
    clients.child.kill('SIGKILL');
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  return result;
}

const kafka = new Kafka({
  clientId: 'bench-ws-gateway',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
await admin.disconnect();
const producer = kafka.producer();
await producer.connect();

const frameSize = Buffer.byteLength(
  `{"timestamp":"2025-10-03T12:00:00Z","type":"subtree","hash":"${'a'.repeat(64)}","base_url":"https://a.io/","best_height":0}`,
);
console.log(
  `event JSON: ${frameSize} bytes; topic ${topic}; burst ${BURST_DELIVERIES} deliveries; steady ${STEADY_DELIVERIES_PER_S} deliveries/s for ${STEADY_SECONDS} s`,
);

const rows = [];
for (const clientCount of clientCounts) {
  for (const kind of (process.env.BENCH_SERVERS ?? 'bare,gateway').split(',')) {
    const result = await measure(kind, clientCount, producer);
    console.log(JSON.stringify(result));
    rows.push(result);
  }
}
await producer.disconnect();

const fmt = (n, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';
console.log(
  '\n| clients | server | burst deliveries/s | burst median / p99 ms | steady median / p99 ms | RSS per idle connection |',
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${fmt(r.clients)} | ${r.kind === 'bare' ? 'bare ws' : 'ws-gateway'} | ${fmt(r.burst.deliveriesPerS)}${r.burst.complete ? '' : ' (incomplete)'} | ${fmt(r.burst.medianMs, 1)} / ${fmt(r.burst.p99Ms, 1)} | ${fmt(r.steady.medianMs, 1)} / ${fmt(r.steady.p99Ms, 1)} (${fmt(r.steady.deliveries)}/${fmt(r.steady.expected)}) | ${fmt(r.rssPerIdleConnectionKb, 1)} KB |`,
  );
}
for (const clientCount of clientCounts) {
  const bare = rows.find((r) => r.kind === 'bare' && r.clients === clientCount);
  const gateway = rows.find((r) => r.kind === 'gateway' && r.clients === clientCount);
  console.log(
    `${fmt(clientCount)} clients: ws-gateway / bare ws deliveries/s = ${(gateway.burst.deliveriesPerS / bare.burst.deliveriesPerS).toFixed(2)}×`,
  );
}
