import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requireKafka, uniqueName, waitFor } from '@teranode-p2p/testing';
import kafkajs, { logLevel, type Consumer, type PartitionAssigner } from 'kafkajs';
import { Registry } from 'prom-client';
import { openServiceBus, type BusConsumer, type ServiceBus } from '../src/index.js';
import { subscriptionRoundRobin } from '../src/subscription-round-robin.js';
import { numberedRecords, topicHolding } from './support/filled-topics.js';

// kafkajs gives a consumer up for good (CRASH, restart=false) on errors it counts as
// non-retriable, some of them transient: after a broker restart a consumer could end on "Failed to
// find group coordinator" while the broker was loading the group, and read nothing more until
// the process restarted. Here the give-up is made certain: the group's leader, another client,
// hands our member an assignment kafkajs cannot decode (a RangeError in its join) during a
// rebalance, then a sound one.
describe('KafkaMessageBus consumer the Kafka client gives up on after joining', () => {
  let brokers: string[];
  let bus: ServiceBus;
  const registry = new Registry();
  /** Each warning of the service's bus with what the consumer's failure() said then. */
  const warnings: { message: string; failure: string | undefined }[] = [];
  let watched: BusConsumer | undefined;
  const others: Consumer[] = [];

  beforeAll(async () => {
    brokers = await requireKafka();
    bus = openServiceBus({
      service: 'ws-gateway',
      brokers,
      clientIdPrefix: uniqueName('restart'),
      registry,
      warn: (message) => warnings.push({ message, failure: watched?.failure() }),
    });
  });

  afterAll(async () => {
    await Promise.allSettled(others.map((consumer) => consumer.disconnect()));
    await bus?.close();
  });

  /** Another client of the group, reading `topic`; as leader it hands `victim` garbage while `garbage()` says so. */
  async function otherMember(
    groupId: string,
    topic: string,
    garbage: () => string | undefined,
  ): Promise<Consumer> {
    const kafka = new kafkajs.Kafka({
      brokers,
      clientId: uniqueName('other'),
      logLevel: logLevel.NOTHING,
    });
    const spoiling: PartitionAssigner = (config) => {
      const sound = subscriptionRoundRobin(config);
      return {
        ...sound,
        async assign(group) {
          const plan = await sound.assign(group);
          const victim = garbage();
          // Version 0, one topic, then a string cut short: kafkajs's decoder throws RangeError.
          const cut = Buffer.from([0, 0, 0, 0, 0, 1, 0x7f]);
          return plan.map((m) =>
            m.memberId.startsWith(victim ?? '\0') ? { ...m, memberAssignment: cut } : m,
          );
        },
      };
    };
    const consumer = kafka.consumer({
      groupId,
      partitionAssigners: [spoiling],
      sessionTimeout: 10_000,
      heartbeatInterval: 500,
      rebalanceTimeout: 10_000,
      maxWaitTimeInMs: 500,
    });
    others.push(consumer);
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({ eachMessage: async () => undefined });
    await joined;
    return consumer;
  }

  it('starts it again in the same group, says so meanwhile, and it reads on', async () => {
    const topic = await topicHolding(bus, 'restart', numberedRecords(3));
    const quiet = await topicHolding(bus, 'restart-other', []);
    const groupId = uniqueName('g');
    let spoilFor: string | undefined;
    await otherMember(groupId, quiet, () => spoilFor);
    const handled: string[] = [];
    const consumer = bus.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: async (record) => void handled.push(record.value!.toString()),
    });
    watched = consumer;
    await consumer.start();
    const clientId = bus.clientId;
    try {
      await waitFor('the records read', () => handled.length >= 3, { timeoutMs: 30_000 });
      spoilFor = clientId;
      // A third member joining makes the leader assign again.
      await otherMember(groupId, quiet, () => undefined);
      await waitFor('the restart reported', () => warnings.length > 0, { timeoutMs: 30_000 });
      spoilFor = undefined;
      const cause =
        /stopped by the client \((.+)\); starting it again in 1000 ms \(restart 1 in a row\)$/.exec(
          warnings[0]!.message,
        )?.[1];
      expect(warnings[0]!.message).toBe(
        `Kafka consumer group ${groupId} stopped by the client (${cause}); starting it again in 1000 ms (restart 1 in a row)`,
      );
      expect(cause).toMatch(/out of range/i);
      expect(warnings[0]!.failure).toBe(
        `consumer group ${groupId} (${topic}): stopped by the Kafka client (${cause}); starting it again in 1000 ms`,
      );

      const producer = await bus.createProducer();
      await producer.send(topic, [{ value: Buffer.from('after') }]);
      await producer.disconnect();
      await waitFor('the record sent after the restart read', () => handled.includes('after'), {
        timeoutMs: 60_000,
      });
      expect(consumer.failure()).toBeUndefined();
      expect(bus.consumerFailures()).toEqual([]);
      expect(handled.slice(0, 3)).toEqual(['0', '1', '2']);
      const restarts = await registry
        .getSingleMetric('ws_gateway_kafka_consumer_restarts_total')!
        .get();
      expect(restarts.values).toEqual([{ labels: { group: groupId }, value: 1 }]);
    } finally {
      await consumer.stop();
    }
  }, 120_000);
});
