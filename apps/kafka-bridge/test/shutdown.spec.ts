import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { blocksTopic } from '@teranode-p2p/contracts';
import { KafkaMessageBus } from '@teranode-p2p/kafka';
import { freePort, requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import {
  blockEventRecords,
  freshTopics,
  hashOf,
  RecordWriter,
  spawnBridge,
  TopicReader,
} from './support/bridge-fixture.js';

/** runServiceMain's bound on a shutdown. */
const SHUTDOWN_GRACE_MS = 20_000;

// The built kafka-bridge on the real broker, stopped with SIGTERM while records stream in;
// a second bridge in the same group carries on from what the first committed.
describe('kafka-bridge shutdown', () => {
  it('on SIGTERM mid-stream commits what it handled and exits 0; the next bridge of the group handles nothing twice', async () => {
    const brokers = await requireKafka();
    const topics = freshTopics();
    const admin = new KafkaMessageBus({ brokers, clientId: 'kafka-bridge-test-admin' });
    await admin.ensureTopics([{ topic: topics.KAFKA_P2P_EVENTS, partitions: 2 }]);
    await admin.close();
    const grpcAddress = `127.0.0.1:${await freePort()}`;
    const groupId = uniqueName('kafka-bridge');
    const writer = await RecordWriter.start(brokers);
    const first = await spawnBridge({ brokers, topics, grpcAddress, groupId });
    // The bridge creates the topics it produces to.
    const reader = await TopicReader.start(brokers, [topics.KAFKA_BLOCKS]);
    let second: Awaited<ReturnType<typeof spawnBridge>> | undefined;
    /** The bridge's consumer lag on each p2p.events partition. */
    const eventsLag = async (metricsUrl: string) =>
      (await (await fetch(metricsUrl)).text())
        .split('\n')
        .filter(
          (line) =>
            line.startsWith('kafka_bridge_kafka_consumer_lag{') &&
            line.includes(`topic="${topics.KAFKA_P2P_EVENTS}"`),
        )
        .map((line) => Number(line.split(' ').at(-1)));
    const forwarded = () =>
      reader.on(topics.KAFKA_BLOCKS).map((r) => blocksTopic.decode(r.value!).hash);
    try {
      const total = 6_000;
      const hashes = Array.from({ length: total }, (_, i) => hashOf(i, 30));
      const producing = (async () => {
        for (let offset = 0; offset < total; offset += 200) {
          const chunk = hashes.slice(offset, offset + 200);
          await writer.sendRecords(topics.KAFKA_P2P_EVENTS, blockEventRecords(chunk));
          await sleep(30);
        }
      })();
      await waitFor('1,000 forwarded', () => forwarded().length >= 1_000, { timeoutMs: 60_000 });
      expect(await eventsLag(first.metricsUrl)).toHaveLength(2);

      const sigtermAt = Date.now();
      const code = await first.stop('SIGTERM', SHUTDOWN_GRACE_MS + 5_000);
      const tookMs = Date.now() - sigtermAt;
      expect(code).toBe(0);
      expect(tookMs).toBeLessThan(SHUTDOWN_GRACE_MS);
      expect(first.output()).toContain('kafka-bridge stopped');
      await sleep(2_000); // everything the first bridge produced reaches the reader
      const byFirst = forwarded();
      expect(byFirst.length).toBeLessThan(total); // it was stopped mid-stream
      expect(new Set(byFirst).size).toBe(byFirst.length);

      second = await spawnBridge({ brokers, topics, grpcAddress, groupId });
      await producing;
      await waitFor(`all ${total} forwarded`, () => new Set(forwarded()).size >= total, {
        timeoutMs: 90_000,
        intervalMs: 250,
      });
      await sleep(1_000);
      const all = forwarded();
      console.log(
        `kafka-bridge SIGTERM: exit ${code} in ${tookMs} ms after ${byFirst.length} of ${total} forwarded; ${all.length} forwarded in all`,
      );
      // Nothing the first bridge handled was handled again: exactly one copy of each.
      expect(all.length).toBe(total);
      expect([...new Set(all)].sort()).toEqual([...hashes].sort());
      await waitFor('lag 0 on both partitions once everything is handled', async () => {
        const lags = await eventsLag(second!.metricsUrl);
        return lags.length === 2 && lags.every((lag) => lag === 0);
      });
    } finally {
      await first.stop('SIGKILL');
      await second?.stop();
      await reader.close();
      await writer.close();
    }
  }, 180_000);
});
