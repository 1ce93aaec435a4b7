// What one received gossip message costs the receiving process, steady state, for three
// receivers of the same publisher (a stock js-libp2p bench peer) on one connection:
// Teranode's Go peer (tools/interop, go-p2p-message-bus, counting), bare js-libp2p gossipsub as
// libp2p ships it (a subscriber that only reads the payload), and gossip-node's whole pipeline
// (P2PEvents on Kafka). Two processes and a broker, no mesh, no duplicates: the per-message
// cost netsim's 20-node runs multiply, without their CPU contention.
//
//   npx nx build gossip-node && node_modules/.bin/node bench/gossip-node/receiver-cpu.mjs
//   RATE=200 WARM=15 SECONDS=20 ROUNDS=2 KAFKA_BROKERS=127.0.0.1:9092 (defaults)
//
// Each receiver gets WARM seconds of messages first (V8 compiles its hot paths meanwhile), then
// SECONDS at RATE are measured: CPU of all its threads (/proc, user + system) per message
// delivered. Needs Go (the Go peer is built as netsim builds it) and a broker (scripts/kafka.sh).
import { cpuSeconds } from '../lib/process-cpu.mjs';
import { startGoPeer, startGossipNode, startPeer } from './bench-processes.mjs';

const RATE = Number(process.env.RATE ?? 200);
const WARM = Number(process.env.WARM ?? 15);
const SECONDS = Number(process.env.SECONDS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Each receiver: its process, its address, and how many messages it has delivered so far. */
const receivers = {
  go: async () => {
    const peer = await startGoPeer();
    return { ...peer, stop: () => peer.child.kill('SIGTERM') };
  },
  'js-libp2p': async () => {
    const peer = await startPeer('bare');
    let delivered = 0;
    return {
      child: peer.child,
      address: peer.address,
      delivered: async () => (delivered += (await peer.call({ cmd: 'take' })).arrivals.length),
      stop: () => peer.child.send({ cmd: 'stop' }),
    };
  },
  'gossip-node': async () => {
    const node = await startGossipNode({
      KAFKA_BROKERS: BROKERS,
      KAFKA_P2P_EVENTS: `bench-receiver-cpu-${Date.now().toString(36)}`,
    });
    const published = /^gossip_node_p2p_events_published_total(?:\{[^}]*\})? (\d+)/m;
    return {
      ...node,
      delivered: async () => Number(published.exec(await node.metrics())?.[1] ?? 0),
      stop: () => node.child.kill('SIGTERM'),
    };
  },
};

async function measure(name) {
  const receiver = await receivers[name]();
  const publisher = await startPeer('publisher');
  try {
    await publisher.call({ cmd: 'dial', address: receiver.address });
    await publisher.call({ cmd: 'rate', rate: RATE, count: RATE * WARM });
    await sleep(500);
    const deliveredBefore = await receiver.delivered();
    const cpuBefore = cpuSeconds(receiver.child.pid);
    await publisher.call({ cmd: 'rate', rate: RATE, count: RATE * SECONDS });
    await sleep(1000);
    const cpu = cpuSeconds(receiver.child.pid) - cpuBefore;
    const delivered = (await receiver.delivered()) - deliveredBefore;
    if (delivered < RATE * SECONDS)
      throw new Error(`${name} delivered ${delivered} of ${RATE * SECONDS} messages`);
    return (cpu * 1e6) / delivered;
  } finally {
    receiver.stop();
    publisher.child.send({ cmd: 'stop' });
    await sleep(500);
  }
}

const results = Object.fromEntries(Object.keys(receivers).map((name) => [name, []]));
for (let round = 1; round <= ROUNDS; round++) {
  // Interleaved, reversed every other round, so all see the same machine.
  const order = Object.keys(receivers);
  for (const name of round % 2 ? order : order.reverse()) {
    const micros = await measure(name);
    results[name].push(micros);
    console.log(`round ${round} ${name.padEnd(11)}: ${micros.toFixed(0)} µs of CPU per message`);
  }
}
const go = median(results.go);
console.log(`median of ${ROUNDS} at ${RATE} msg/s, after ${WARM} s of warm-up:`);
for (const [name, values] of Object.entries(results))
  console.log(
    `  ${name.padEnd(11)} ${median(values).toFixed(0).padStart(5)} µs/msg, ${(median(values) / go).toFixed(2)}× Go`,
  );
console.log(
  `  gossip-node against js-libp2p as it ships: ${(median(results['gossip-node']) / median(results['js-libp2p'])).toFixed(2)}×`,
);
process.exit(0);
