import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from '@jest/globals';
import { blocksTopic } from '@teranode-p2p/contracts';
import { KafkaMessageBus } from '@teranode-p2p/kafka';
import {
  freePort,
  startPrivateKafka,
  workspaceRoot,
  type PrivateKafka,
} from '@teranode-p2p/testing';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  blockEventRecords,
  freshTopics,
  hashOf,
  RecordWriter,
  spawnBridge,
  TopicReader,
} from './support/bridge-fixture.js';

// A broker that goes away while kafka-bridge is producing a backlog to `blocks` must not cost
// blocks. Each cycle: pause the bridge (SIGSTOP), produce a burst of block announcements to
// `p2p.events`, resume it (SIGCONT), stop the broker while the bridge produces that burst,
// produce a second burst while the broker is away, start the broker again. After every cycle
// each hash sent so far must reach `blocks` within BROKER_RESTART_CATCH_UP_MS (duplicates are
// fine, loss is not); the test stops at the first cycle that misses that bound. Announcements
// are keyed by the hash string, as gossip-node keys them, while the bridge keys `blocks` by the
// raw hash bytes: a batch of one `p2p.events` partition spreads over every `blocks` partition,
// so each of the bridge's produce requests carries all four partitions.
//
// How the broker is stopped (BROKER_RESTART_STOP):
//   mid-produce  (default) once the bridge has written a produce request, the broker is frozen
//                and thawed in steps of ~150 µs until that request is appended to some but not
//                all `blocks` partitions, then killed (SIGKILL): a crash in the middle of the
//                bridge's produce request.
//   timed        the black-box recipe: BROKER_RESTART_SIGNAL (SIGTERM) at a random moment
//                BROKER_RESTART_STOP_AFTER_MS (50-150) after the bridge's SIGCONT.
//
// Other settings (defaults fit CI: 8 cycles of about 20 s):
//   BROKER_RESTART_CYCLES=8           cycles to run (1..200)
//   BROKER_RESTART_RECORDS=2500       announcements per burst (two bursts a cycle)
//   BROKER_RESTART_DOWN_MS=3000       broker down this long before it is started again
//   BROKER_RESTART_CATCH_UP_MS=30000  time after a cycle for every hash to reach `blocks`
//   BROKER_RESTART_PORT=19192         private broker port (controller: port + 1)
//   KAFKAJS_LOG_LEVEL                 passed to the bridge (e.g. ERROR: kafkajs' own log lines)
//   BROKER_RESTART_BRIDGE_LOG         file the bridge's whole output is written to at the end

const PARTITIONS = 4;

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name}=${raw}: expected an integer from ${min} to ${max}`);
  return value;
}

function oneOfEnv<T extends string>(name: string, values: readonly [T, ...T[]]): T {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return values[0];
  if (!values.includes(raw as T))
    throw new Error(`${name}=${raw}: expected ${values.join(' or ')}`);
  return raw as T;
}

function rangeFromEnv(name: string, fallback: [number, number]): [number, number] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)(?:-(\d+))?$/.exec(raw);
  const [low, high] = [Number(match?.[1]), Number(match?.[2] ?? match?.[1])];
  if (!match || high < low || high > 60_000)
    throw new Error(`${name}=${raw}: expected milliseconds such as 100 or 50-150`);
  return [low, high];
}

const config = {
  cycles: intFromEnv('BROKER_RESTART_CYCLES', 8, 1, 200),
  records: intFromEnv('BROKER_RESTART_RECORDS', 2_500, 1, 50_000),
  stop: oneOfEnv('BROKER_RESTART_STOP', ['mid-produce', 'timed']),
  signal: oneOfEnv('BROKER_RESTART_SIGNAL', ['SIGTERM', 'SIGKILL']),
  stopAfterMs: rangeFromEnv('BROKER_RESTART_STOP_AFTER_MS', [50, 150]),
  downMs: intFromEnv('BROKER_RESTART_DOWN_MS', 3_000, 0, 60_000),
  catchUpMs: intFromEnv('BROKER_RESTART_CATCH_UP_MS', 30_000, 1_000, 600_000),
  port: intFromEnv('BROKER_RESTART_PORT', 19_192, 1_024, 65_000),
};
/** Setup plus, per cycle, the catch-up wait and a generous bound on stopping and starting. */
const TEST_TIMEOUT_MS = 180_000 + config.cycles * (config.catchUpMs + config.downMs + 150_000);

const nextTick = () => new Promise((resolve) => setImmediate(resolve));
const between = ([low, high]: [number, number]) =>
  low + Math.floor(Math.random() * (high - low + 1));

/** Every distinct hash seen on `blocks`, each record decoded once. */
class ForwardedBlocks {
  private seen = 0;
  readonly hashes = new Set<string>();
  total = 0;
  constructor(private readonly reader: TopicReader) {}

  missing(sent: readonly string[]): string[] {
    const records = this.reader.records;
    for (; this.seen < records.length; this.seen++) {
      this.hashes.add(blocksTopic.decode(records[this.seen]!.value!).hash);
      this.total++;
    }
    return sent.filter((hash) => !this.hashes.has(hash));
  }
}

/**
 * Sends announcements, keyed by hash string as gossip-node does, until the broker has
 * acknowledged them, also while it is away. After a failed send it starts a new producer (a new
 * producer ID), so this test's own idempotent producer cannot get stuck the way the bridge's
 * does; a resend may duplicate announcements, which the bridge then forwards twice (allowed).
 */
class PatientWriter {
  private writer: RecordWriter | undefined;
  resends = 0;
  constructor(private readonly brokers: string[]) {}

  async send(topic: string, hashes: string[], deadlineMs = 120_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    for (let offset = 0; offset < hashes.length; offset += 500) {
      const chunk = hashes.slice(offset, offset + 500);
      for (;;) {
        try {
          this.writer ??= await RecordWriter.start(this.brokers);
          await this.writer.sendRecords(topic, blockEventRecords(chunk));
          break;
        } catch (error) {
          await this.close();
          if (Date.now() > deadline)
            throw new Error(`could not produce to ${topic}: ${(error as Error).message}`);
          this.resends++;
          await sleep(500);
        }
      }
    }
  }

  async close(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    await writer?.close().catch(() => undefined);
  }
}

/** Bytes a process has passed to write(2) so far, its sockets included (Linux). */
function bytesWritten(pid: number): number {
  return Number(/wchar:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
}

/** Resolves once the process writes at least `bytes` at once (a produce request), or after 5 s. */
async function untilLargeWrite(pid: number, bytes: number): Promise<boolean> {
  const deadline = Date.now() + 5_000;
  for (let last = bytesWritten(pid); Date.now() < deadline;) {
    await nextTick();
    const now = bytesWritten(pid);
    if (now - last >= bytes) return true;
    last = now;
  }
  return false;
}

/** SIGSTOP, then wait (at most 100 ms) until every thread of the process is stopped. */
function freeze(pid: number): void {
  process.kill(pid, 'SIGSTOP');
  const deadline = Date.now() + 100;
  const stopped = (stat: string) => /^[tT]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  while (Date.now() < deadline) {
    const tasks = readdirSync(`/proc/${pid}/task`);
    if (tasks.every((task) => stopped(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8'))))
      return;
  }
}

/** Runs the process for about `micros` microseconds, then freezes it again. */
function thawBriefly(pid: number, micros: number): void {
  process.kill(pid, 'SIGCONT');
  const until = process.hrtime.bigint() + BigInt(micros * 1_000);
  while (process.hrtime.bigint() < until);
  freeze(pid);
}

/** Bytes in the log segments of each partition of a topic, from the broker's data directory. */
function segmentBytes(dataDir: string, topic: string): number[] {
  return Array.from({ length: PARTITIONS }, (_, partition) => {
    const dir = join(dataDir, `${topic}-${partition}`);
    return readdirSync(dir)
      .filter((file) => file.endsWith('.log'))
      .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
  });
}

/**
 * Kills the broker in the middle of one of the bridge's produce requests: waits for the bridge to
 * write one, then runs the broker in short steps until that request has been appended to some
 * `blocks` partitions but not to all, and kills it there. Bounded: after 3 s of stepping (or when
 * no request comes) it kills the broker wherever it is. Says what it hit.
 */
async function killMidProduce(brokerPid: number, bridgePid: number, blocksBytes: () => number[]) {
  if (!(await untilLargeWrite(bridgePid, 65_536))) {
    process.kill(brokerPid, 'SIGKILL');
    return 'no produce request seen; killed';
  }
  freeze(brokerPid);
  let before = blocksBytes();
  let outcome = 'no partial append caught in 3 s; killed';
  for (const deadline = Date.now() + 3_000; Date.now() < deadline;) {
    thawBriefly(brokerPid, 150);
    const now = blocksBytes();
    const grown = now.filter((bytes, i) => bytes > before[i]!).length;
    if (grown > 0 && grown < now.length) {
      outcome = `killed with a produce request appended to ${grown} of ${now.length} partitions`;
      break;
    }
    if (grown === now.length) before = now; // that request is complete: wait for the next one
  }
  process.kill(brokerPid, 'SIGKILL');
  return outcome;
}

/** Lines of the private broker's log written since `from` (a byte offset) that match. */
function brokerLogLines(logFile: string, from: number, pattern: RegExp): string[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile)
    .subarray(from)
    .toString()
    .split('\n')
    .filter((line) => pattern.test(line));
}

describe('kafka-bridge across repeated broker restarts', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  // Also after a timeout: the bridge, the clients and the private broker never outlive the test.
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }, 120_000);

  it(
    `forwards every block through ${config.cycles} pause/produce/resume/stop-broker/produce/start-broker cycles`,
    async () => {
      const kafka: PrivateKafka = await startPrivateKafka(config.port, config.port + 1);
      const dataDir = join(workspaceRoot, '.cache/kafka', `data-${config.port}`);
      // Stopped (thawed first if frozen), then its data deleted: each run starts empty.
      cleanup.push(async () => {
        await kafka.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      });
      const runDir = join(workspaceRoot, '.cache/kafka', `run-${config.port}`);
      const logFile = join(runDir, 'kafka.log');
      const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
      const brokerPid = () => Number(readFileSync(join(runDir, 'kafka.pid'), 'utf8').trim());
      const brokers = [kafka.address];
      const topics = freshTopics();
      const admin = new KafkaMessageBus({ brokers, clientId: 'kafka-bridge-test-admin' });
      await admin.ensureTopics([
        { topic: topics.KAFKA_P2P_EVENTS, partitions: PARTITIONS },
        { topic: topics.KAFKA_BLOCKS, partitions: PARTITIONS },
      ]);
      await admin.close();

      // Nothing answers on the gRPC address: the bridge starts and forwards announcements
      // without ban-service or gossip-node (they only count for its readiness).
      const bridge = await spawnBridge({
        brokers,
        topics,
        grpcAddress: `127.0.0.1:${await freePort()}`,
        env: {
          kafka_bridge_retry_backoff: '250ms',
          kafka_bridge_retry_max_backoff: '2s',
          ...(process.env['KAFKAJS_LOG_LEVEL']
            ? { KAFKAJS_LOG_LEVEL: process.env['KAFKAJS_LOG_LEVEL'] }
            : {}),
        },
      });
      cleanup.push(async () => {
        if (bridge.process.exitCode === null) bridge.process.kill('SIGCONT');
        return bridge.stop('SIGTERM', 5_000);
      });
      const reader = await TopicReader.start(brokers, [topics.KAFKA_BLOCKS]);
      cleanup.push(() => reader.close());
      const writer = new PatientWriter(brokers);
      cleanup.push(() => writer.close());
      const forwarded = new ForwardedBlocks(reader);

      const sent: string[] = [];
      const cycleMs: number[] = [];
      let stalledAfter: number | undefined;
      let missing: string[] = [];
      for (let cycle = 1; cycle <= config.cycles; cycle++) {
        const started = Date.now();
        const burst = (part: number) =>
          Array.from({ length: config.records }, (_, i) =>
            hashOf(part * config.records + i, cycle),
          );
        const [before, during] = [burst(0), burst(1)];

        bridge.process.kill('SIGSTOP');
        try {
          await writer.send(topics.KAFKA_P2P_EVENTS, before);
        } finally {
          bridge.process.kill('SIGCONT');
        }
        sent.push(...before);
        // The bridge now fetches the burst and produces it to `blocks`; stop the broker then.
        let stop: string;
        if (config.stop === 'mid-produce') {
          stop = await killMidProduce(brokerPid(), bridge.process.pid!, () =>
            segmentBytes(dataDir, topics.KAFKA_BLOCKS),
          );
        } else {
          const after = between(config.stopAfterMs);
          await sleep(after);
          process.kill(brokerPid(), config.signal);
          stop = `${config.signal} ${after} ms after the resume`;
        }
        const stopping = Date.now();
        await kafka.stop(); // waits for the broker to exit
        const stopMs = Date.now() - stopping;
        const producing = writer.send(topics.KAFKA_P2P_EVENTS, during);
        await sleep(config.downMs);
        const starting = Date.now();
        await kafka.start();
        const startMs = Date.now() - starting;
        await producing;
        sent.push(...during);

        const deadline = Date.now() + config.catchUpMs;
        while ((missing = forwarded.missing(sent)).length > 0 && Date.now() < deadline)
          await sleep(250);
        cycleMs.push(Date.now() - started);
        console.log(
          `cycle ${cycle}/${config.cycles}: ${sent.length} sent, ${forwarded.hashes.size} distinct on blocks ` +
            `(${forwarded.total} records), ${missing.length} missing, ${cycleMs.at(-1)} ms ` +
            `(broker: ${stop} at ${new Date(stopping).toISOString()}, stopped in ${stopMs} ms, started in ${startMs} ms)`,
        );
        if (bridge.process.exitCode !== null)
          throw new Error(`kafka-bridge exited with ${bridge.process.exitCode}`);
        if (missing.length > 0) {
          stalledAfter = cycle;
          break;
        }
      }

      const bridgeLog = process.env['BROKER_RESTART_BRIDGE_LOG'];
      if (bridgeLog) writeFileSync(bridgeLog, bridge.output());
      const failures = bridge
        .output()
        .split('\n')
        .filter((line) => line.includes('failed'));
      const outOfOrder = brokerLogLines(logFile, logStart, /Out of order sequence number/);
      const seconds = cycleMs.reduce((a, b) => a + b, 0) / cycleMs.length / 1000;
      console.log(
        [
          `${cycleMs.length} cycles, ${seconds.toFixed(1)} s a cycle; ${sent.length} sent, ` +
            `${forwarded.hashes.size} distinct and ${forwarded.total} records on blocks; ` +
            `test writer resends: ${writer.resends}`,
          stalledAfter === undefined
            ? 'no stall'
            : `STALL after cycle ${stalledAfter}: ${missing.length} hashes not on blocks ${config.catchUpMs} ms later`,
          `bridge produce failures: ${failures.length}; last ones:`,
          ...failures.slice(-4),
          `broker "Out of order sequence number" lines: ${outOfOrder.length}; last ones:`,
          ...outOfOrder.slice(-4),
        ].join('\n'),
      );
      expect({ stalledAfter, missing: missing.length }).toEqual({
        stalledAfter: undefined,
        missing: 0,
      });
    },
    TEST_TIMEOUT_MS,
  );
});
