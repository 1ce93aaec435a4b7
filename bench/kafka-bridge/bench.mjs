// kafka-bridge throughput: p2p.events → blocks records/s end to end through the built bridge,
// against a bare kafkajs consume→produce loop (bare-loop.mjs) in the same run. Both read the
// same pre-filled topic of P2PEvent block announcements, each with its own consumer group, one
// after the other, each in its own process. See README.md.
import { fork, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { p2p_events, p2pEventsTopic } from '@teranode-p2p/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../lib/free-port.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const run = Date.now().toString(36);
const inTopic = `bench-kb-events-${run}`;
const SENDER = '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n';
// Another node received them: an event a node sends itself is its own and is not forwarded.
const RECEIVER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';

const kafka = new Kafka({
  clientId: 'bench-kafka-bridge',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();

async function fill() {
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic: inTopic, numPartitions: PARTITIONS }],
  });
  const producer = kafka.producer();
  await producer.connect();
  for (let offset = 0; offset < RECORDS; offset += 2_000) {
    const messages = [];
    for (let i = offset; i < Math.min(RECORDS, offset + 2_000); i++) {
      const hash = i.toString(16).padStart(64, '0');
      const event = p2p_events.P2PEvent.fromPartial({
        sender_peer_id: SENDER,
        receiver_peer_id: RECEIVER,
        topic: 'teranode/bitcoin/1.0.0/mainnet-block',
        received_at_ms: String(Date.now()),
        block: {
          hash,
          height: i,
          data_hub_url: 'https://peer.example.com/api/v1',
          peer_id: SENDER,
        },
      });
      // Keyed and encoded as gossip-node writes p2p.events.
      messages.push(p2pEventsTopic.toRecord(event));
    }
    await producer.send({ topic: inTopic, acks: 1, messages });
  }
  await producer.disconnect();
}

async function recordsIn(topic) {
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } catch {
    return 0; // not created yet
  }
}

/** Rate between the first output record and the last: startup and group join excluded. */
async function measure(name, outTopic, start) {
  const child = await start();
  let first;
  let firstCount = 0;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const count = await recordsIn(outTopic);
    const now = performance.now();
    if (first === undefined && count > 0) {
      first = now;
      firstCount = count;
    }
    if (count >= RECORDS) {
      child.kill('SIGTERM');
      const seconds = (now - first) / 1000;
      const rate = (count - firstCount) / seconds;
      console.log(
        `${name.padEnd(12)} ${count} records out, ${seconds.toFixed(2)} s after the first, ${Math.round(rate)} records/s`,
      );
      await sleep(1_000);
      return rate;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name}: only ${count} of ${RECORDS} records after 300 s`);
    }
    await sleep(50);
  }
}

function startBare(outTopic) {
  return async () => {
    const child = fork(
      join(here, 'bare-loop.mjs'),
      [brokers, inTopic, outTopic, `bench-bare-${run}-${outTopic}`],
      { stdio: 'inherit' },
    );
    await new Promise((resolve) => child.once('message', resolve));
    return child;
  };
}

function startBridge(suffix) {
  return async () => {
    const env = {
      PATH: process.env.PATH,
      KAFKA_BROKERS: brokers,
      KAFKA_P2P_EVENTS: inTopic,
      KAFKA_BLOCKS: `bench-kb-blocks-${run}-${suffix}`,
      KAFKA_SUBTREES: `bench-kb-subtrees-${run}`,
      KAFKA_REJECTEDTX: `bench-kb-rejectedtx-${run}`,
      KAFKA_INVALID_BLOCKS: `bench-kb-invalid-blocks-${run}`,
      KAFKA_INVALID_SUBTREES: `bench-kb-invalid-subtrees-${run}`,
      KAFKA_DLQ: `bench-kb-dlq-${run}`,
      kafka_bridge_group_id: `bench-bridge-${run}-${suffix}`,
      kafka_bridge_http_listen_address: `127.0.0.1:${await freePort()}`,
      log_level: 'warn',
      ...(process.env.BENCH_BRIDGE_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_BRIDGE_NODE_OPTIONS }
        : {}),
    };
    const child = spawn(process.execPath, [join(root, 'apps/kafka-bridge/dist/main.js')], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return child;
  };
}

await admin.connect();
console.log(
  `kafka-bridge benchmark: ${RECORDS} P2PEvent block announcements on ${PARTITIONS} partitions, broker ${brokers}, ${ROUNDS} round(s)`,
);
await fill();
const results = [];
for (let round = 1; round <= ROUNDS; round++) {
  const bare = await measure(
    'bare loop',
    `bench-kb-bare-${run}-${round}`,
    startBare(`bench-kb-bare-${run}-${round}`),
  );
  const bridge = await measure(
    'kafka-bridge',
    `bench-kb-blocks-${run}-${round}`,
    startBridge(round),
  );
  results.push({ bare, bridge });
  console.log(`round ${round}: kafka-bridge / bare loop = ${(bridge / bare).toFixed(2)}`);
}
// Rounds alternate the two loops, so each ratio compares runs a few seconds apart on a shared
// machine; the result is the median round by ratio.
results.sort((a, b) => a.bridge / a.bare - b.bridge / b.bare);
const median = results[Math.floor(results.length / 2)];
console.log(
  `RESULT kafka-bridge ${Math.round(median.bridge)} records/s, bare loop ${Math.round(median.bare)} records/s, ratio ${(median.bridge / median.bare).toFixed(2)} (median of ${results.length} rounds; targets: ≥ 0.70 and ≥ 5000 records/s)`,
);
await admin.disconnect();
