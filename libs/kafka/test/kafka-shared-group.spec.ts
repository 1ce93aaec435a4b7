import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import { Kafka, logLevel, PartitionAssigners, type PartitionAssigner } from 'kafkajs';
import { KafkaMessageBus, type BusConsumer } from '../src/index.js';
import { keyedRecords, numberedRecords, topicHolding } from './support/filled-topics.js';

// One consumer group, members reading different topics, on the real broker: with kafkajs's own
// assigner the leader hands out only its topics, and the other member reads nothing.
describe('KafkaMessageBus consumers sharing a group id', () => {
  let brokers: string[];
  let bus: KafkaMessageBus;
  const started: BusConsumer[] = [];

  beforeAll(async () => {
    brokers = await requireKafka();
    bus = new KafkaMessageBus({ brokers, clientId: uniqueName('kafka-group-test') });
  });

  afterAll(async () => {
    for (const consumer of started) await consumer.stop();
    await bus?.close();
  });

  const reading = async (groupId: string, topic: string, into: string[]) => {
    const consumer = bus.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: async (record) => void into.push(record.value!.toString()),
    });
    started.push(consumer);
    await consumer.start();
  };

  it('gives every member the records of the topic it reads, not of the leader', async () => {
    const groupId = uniqueName('shared');
    const first = await topicHolding(bus, 'first', numberedRecords(3));
    const second = await topicHolding(bus, 'second', numberedRecords(4));
    const fromFirst: string[] = [];
    const fromSecond: string[] = [];
    await reading(groupId, first, fromFirst);
    await reading(groupId, second, fromSecond);
    await waitFor('both topics read', () => fromFirst.length >= 3 && fromSecond.length >= 4, {
      timeoutMs: 30_000,
    });
    expect(fromFirst).toEqual(['0', '1', '2']);
    expect(fromSecond).toEqual(['0', '1', '2', '3']);
  }, 90_000);

  it("joins a group whose other member offers only kafkajs's assigner, and shares the topic", async () => {
    const groupId = uniqueName('mixed');
    const records = keyedRecords(20);
    const topic = await topicHolding(bus, 'mixed', records, 2);
    const older = new Kafka({ brokers, clientId: 'older-release', logLevel: logLevel.NOTHING });
    const olderMember = older.consumer({ groupId, sessionTimeout: 10_000 });
    const seen: string[] = [];
    await olderMember.connect();
    try {
      await olderMember.subscribe({ topics: [topic], fromBeginning: true });
      await olderMember.run({
        eachMessage: async ({ message }) => void seen.push(`${message.key}`),
      });
      await reading(groupId, topic, seen);
      await waitFor('every record, by either member', () => seen.length >= 20, {
        timeoutMs: 30_000,
      });
    } finally {
      await olderMember.disconnect();
    }
    expect(new Set(seen)).toEqual(new Set(records.map((r) => r.key)));
  }, 90_000);

  it('refuses to start, naming the group, when the group agrees on no assigner with it', async () => {
    const groupId = uniqueName('foreign');
    const topic = await topicHolding(bus, 'foreign', numberedRecords(1));
    // A member of another client library, offering only an assigner kafkajs does not have.
    const range: PartitionAssigner = (config) => {
      const roundRobin = PartitionAssigners.roundRobin(config);
      return {
        ...roundRobin,
        name: 'range',
        protocol: (subscription) => ({ ...roundRobin.protocol(subscription), name: 'range' }),
      };
    };
    const other = new Kafka({ brokers, clientId: 'other-client', logLevel: logLevel.NOTHING });
    const foreignMember = other.consumer({ groupId, partitionAssigners: [range] });
    await foreignMember.connect();
    try {
      await foreignMember.subscribe({ topics: [topic], fromBeginning: true });
      const joined = new Promise((resolve) =>
        foreignMember.on(foreignMember.events.GROUP_JOIN, resolve),
      );
      await foreignMember.run({ eachMessage: async () => undefined });
      await joined;
      const ours = bus.createConsumer({ groupId, topics: [topic], handler: async () => undefined });
      await expect(ours.start()).rejects.toThrow(
        new RegExp(`^consumer group ${groupId} \\(${topic}\\) could not join: .+`),
      );
      await ours.stop();
    } finally {
      await foreignMember.disconnect();
    }
  }, 90_000);
});
