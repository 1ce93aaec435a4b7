import { uniqueName, waitFor } from '@teranode-p2p/testing';
import type { KafkaMessageBus, MessageBus, OutgoingRecord } from '../../src/index.js';

/** `count` records without keys, their values "0", "1", … */
export const numberedRecords = (count: number): OutgoingRecord[] =>
  Array.from({ length: count }, (_, i) => ({ value: Buffer.from(String(i)) }));

/** `count` records keyed `k0`, `k1`, …, each key also its value; over two partitions both get some. */
export const keyedRecords = (count: number): OutgoingRecord[] =>
  Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`k${i}`) }));

/** A new topic (`partitions` of it, else the broker's default) holding `records`. */
export async function topicHolding(
  bus: MessageBus,
  prefix: string,
  records: OutgoingRecord[],
  partitions?: number,
): Promise<string> {
  const topic = uniqueName(prefix);
  await bus.ensureTopics([partitions === undefined ? { topic } : { topic, partitions }]);
  const producer = await bus.createProducer();
  try {
    await producer.send(topic, records);
  } finally {
    await producer.disconnect();
  }
  return topic;
}

/** The values a new member of the group reads from where the group's commits left off. */
export async function valuesResumedBy(
  bus: KafkaMessageBus,
  groupId: string,
  topic: string,
  count: number,
): Promise<string[]> {
  const values: string[] = [];
  const consumer = bus.createConsumer({
    groupId,
    topics: [topic],
    handler: async (record) => {
      values.push(record.value!.toString());
    },
  });
  await consumer.start();
  try {
    await waitFor(`${count} records after the last commit`, () => values.length >= count, {
      timeoutMs: 20_000,
    });
  } finally {
    await consumer.stop();
  }
  return values;
}
