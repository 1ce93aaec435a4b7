// The baseline: a bare kafkajs consume→produce loop with the bridge's delivery guarantees
// (idempotent producer, acks=all, offsets committed after the produce is acknowledged), copying
// each record's key and value to the output topic unchanged. argv: brokers inTopic outTopic group
// kafkajs with the services' fix of its request-queue timer (libs/kafka), so the baseline
// differs from the service only in the service's own work.
import '@teranode-p2p/kafka';
import { Kafka, logLevel } from 'kafkajs';

const [brokers, inTopic, outTopic, groupId] = process.argv.slice(2);
const kafka = new Kafka({
  clientId: 'bench-bare-loop',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
await producer.connect();
await consumer.connect();
await consumer.subscribe({ topics: [inTopic], fromBeginning: true });
await consumer.run({
  autoCommit: false,
  eachBatchAutoResolve: false,
  partitionsConsumedConcurrently: 4,
  eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, uncommittedOffsets }) => {
    if (batch.isEmpty()) return;
    await producer.send({
      topic: outTopic,
      acks: -1,
      messages: batch.messages.map((m) => ({ key: m.key, value: m.value })),
    });
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary(uncommittedOffsets());
  },
});
process.send?.('ready');
process.on('SIGTERM', async () => {
  await consumer.disconnect();
  await producer.disconnect();
  process.exit(0);
});
