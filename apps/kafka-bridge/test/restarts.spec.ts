import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { blocksTopic } from '@teranode-p2p/contracts';
import { KafkaMessageBus, type OutgoingRecord } from '@teranode-p2p/kafka';
import {
  freePort,
  requireKafka,
  startPrivateKafka,
  uniqueName,
  waitFor,
} from '@teranode-p2p/testing';
import {
  blockEventRecords,
  freshTopics,
  hashOf,
  RecordWriter,
  spawnBridge,
  TopicReader,
  type Topics,
} from './support/bridge-fixture.js';

/** Block announcements for `count` distinct hashes, keyed by the p2p.events contract as gossip-node keys them. */
function announcements(count: number, salt: number) {
  const hashes = Array.from({ length: count }, (_, i) => hashOf(i, salt));
  return { hashes, records: blockEventRecords(hashes) };
}

/**
 * The hash of each record on `blocks`, once per offset: the reader is at least once too (a
 * consumer replaced after a broker restart reads again what it could not commit), and only
 * records the bridge wrote twice are the bridge's duplicates.
 */
function forwardedHashes(reader: TopicReader, topics: Topics): string[] {
  const byOffset = new Map(
    reader.on(topics.KAFKA_BLOCKS).map((r) => [`${r.partition}@${r.offset}`, r] as const),
  );
  return [...byOffset.values()].map((r) => blocksTopic.fromRecord(r).hash);
}

async function createEventsTopic(brokers: string[], topics: Topics): Promise<void> {
  const admin = new KafkaMessageBus({ brokers, clientId: 'kafka-bridge-test-admin' });
  await admin.ensureTopics([{ topic: topics.KAFKA_P2P_EVENTS, partitions: 2 }]);
  await admin.close();
}

/** Sends a chunk, trying again while the broker is away. */
async function sendPatiently(
  writer: RecordWriter,
  topic: string,
  records: OutgoingRecord[],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writer.sendRecords(topic, records);
    } catch (error) {
      if (attempt >= 60) throw error;
      await sleep(1_000);
    }
  }
}

/** What the bridge says it did and what a fresh reader finds, printed when hashes are missing. */
async function explainShortfall(
  bridge: Awaited<ReturnType<typeof spawnBridge>>,
  brokers: string[],
  topics: Topics,
  reader: TopicReader,
): Promise<void> {
  const seen = new Set(forwardedHashes(reader, topics));
  const metrics = await fetch(bridge.metricsUrl)
    .then((r) => r.text())
    .catch((error: Error) => `metrics unavailable: ${error.message}`);
  const records = metrics
    .split('\n')
    .filter((l) => /^kafka_bridge_(records|retries)_total|^kafka_bridge_pending/.test(l));
  const fresh = await TopicReader.start(brokers, [topics.KAFKA_BLOCKS]);
  await sleep(10_000);
  const freshCount = new Set(forwardedHashes(fresh, topics)).size;
  await fresh.close();
  console.log(
    [
      `test reader: ${seen.size} distinct hashes (consumer ${reader.failure() ?? 'running'}); a fresh reader after 10 s: ${freshCount}`,
      ...records,
      '--- bridge output (last 60 lines) ---',
      ...bridge.output().split('\n').slice(-60),
    ].join('\n'),
  );
}

// Count in = count out across a restart; duplicates are allowed only for records the killed
// bridge had produced but not committed, and they are counted.
describe('kafka-bridge restarts lose nothing', () => {
  it('bridge killed with SIGKILL mid-stream and started again', async () => {
    const brokers = await requireKafka();
    const topics = freshTopics();
    await createEventsTopic(brokers, topics);
    const grpcAddress = `127.0.0.1:${await freePort()}`;
    const groupId = uniqueName('kafka-bridge');
    const writer = await RecordWriter.start(brokers);
    let bridge = await spawnBridge({ brokers, topics, grpcAddress, groupId });
    const reader = await TopicReader.start(brokers, [topics.KAFKA_BLOCKS]);
    try {
      const total = 10_000;
      const stream = announcements(total, 20);
      const producing = (async () => {
        for (let offset = 0; offset < total; offset += 250) {
          const chunk = stream.records.slice(offset, offset + 250);
          await writer.sendRecords(topics.KAFKA_P2P_EVENTS, chunk);
          await sleep(25);
        }
      })();
      await waitFor('2,000 forwarded', () => reader.on(topics.KAFKA_BLOCKS).length >= 2_000, {
        timeoutMs: 60_000,
      });
      await bridge.stop('SIGKILL');
      await sleep(2_000); // everything the killed bridge produced reaches the reader
      const beforeRestart = new Set(forwardedHashes(reader, topics));
      bridge = await spawnBridge({ brokers, topics, grpcAddress, groupId });
      await producing;
      await waitFor(
        `all ${total} hashes forwarded`,
        () => new Set(forwardedHashes(reader, topics)).size >= total,
        { timeoutMs: 90_000, intervalMs: 250 },
      );
      const out = forwardedHashes(reader, topics);
      const unique = new Set(out);
      const duplicates = out.filter((h, i) => out.indexOf(h) !== i);
      console.log(
        `SIGKILL restart: ${total} in, ${out.length} out, ${unique.size} distinct, ${duplicates.length} duplicates (${beforeRestart.size} forwarded before the kill)`,
      );
      expect([...unique].sort()).toEqual([...stream.hashes].sort());
      for (const hash of duplicates) expect(beforeRestart.has(hash)).toBe(true);
    } finally {
      await bridge.stop();
      await reader.close();
      await writer.close();
    }
  }, 180_000);

  it('broker stopped and started again while the bridge is mid-stream', async () => {
    const kafka = await startPrivateKafka(19092, 19093);
    const brokers = [kafka.address];
    const topics = freshTopics();
    const grpcAddress = `127.0.0.1:${await freePort()}`;
    let bridge: Awaited<ReturnType<typeof spawnBridge>> | undefined;
    let reader: TopicReader | undefined;
    let writer: RecordWriter | undefined;
    try {
      await createEventsTopic(brokers, topics);
      writer = await RecordWriter.start(brokers);
      bridge = await spawnBridge({ brokers, topics, grpcAddress });
      reader = await TopicReader.start(brokers, [topics.KAFKA_BLOCKS]);
      const total = 8_000;
      const stream = announcements(total, 21);
      const half = total / 2;
      for (let offset = 0; offset < half; offset += 500) {
        await writer.sendRecords(
          topics.KAFKA_P2P_EVENTS,
          stream.records.slice(offset, offset + 500),
        );
      }
      await waitFor('some forwarded', () => reader!.on(topics.KAFKA_BLOCKS).length >= 500, {
        timeoutMs: 60_000,
      });
      await kafka.stop();
      await sleep(3_000);
      await kafka.start();
      for (let offset = half; offset < total; offset += 500) {
        await sendPatiently(
          writer,
          topics.KAFKA_P2P_EVENTS,
          stream.records.slice(offset, offset + 500),
        );
      }
      try {
        await waitFor(
          `all ${total} hashes forwarded`,
          () => new Set(forwardedHashes(reader!, topics)).size >= total,
          { timeoutMs: 150_000, intervalMs: 500 },
        );
      } catch (error) {
        await explainShortfall(bridge, brokers, topics, reader);
        throw error;
      }
      const out = forwardedHashes(reader, topics);
      const duplicates = out.filter((h, i) => out.indexOf(h) !== i);
      console.log(
        `broker restart: ${total} in, ${out.length} out, ${new Set(out).size} distinct, ${duplicates.length} duplicates`,
      );
      // At least once, nothing lost (duplicates are allowed, loss is not). Duplicates may be of
      // either half: a commit the restarted broker could not take yet is read again once the
      // bridge rejoins its group, and the test writer may resend a chunk it saw fail.
      expect([...new Set(out)].sort()).toEqual([...stream.hashes].sort());
      expect(bridge.process.exitCode).toBeNull();
    } finally {
      await bridge?.stop();
      await reader?.close().catch(() => undefined);
      await writer?.close().catch(() => undefined);
      await kafka.destroy();
    }
  }, 300_000);
});
