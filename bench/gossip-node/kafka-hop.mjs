// The bare Kafka hop as a baseline for the pipeline: a kafkajs producer configured as
// gossip-node's (idempotent, acks=all, one request in flight, sends whatever queued while the
// previous request was out) and the same reader the pipeline is measured with, at a fixed rate.
import { noDelaySocketFactory } from '@teranode-p2p/kafka';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

const now = () => performance.timeOrigin + performance.now();

export async function runKafkaHop({ brokers, rate, count, percentiles }) {
  const kafka = new Kafka({
    brokers,
    clientId: 'bench-hop',
    logLevel: logLevel.NOTHING,
    socketFactory: noDelaySocketFactory,
  });
  const topic = `bench-kafka-hop-${Date.now().toString(36)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic }] });
  await admin.disconnect();
  const latencies = [];
  const consumer = kafka.consumer({ groupId: `${topic}-reader`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const at = now();
      for (const message of batch.messages) latencies.push(at - Number(message.value.toString()));
    },
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const queue = [];
  let flushing;
  const flush = async () => {
    while (queue.length > 0) await producer.send({ topic, acks: -1, messages: queue.splice(0) });
  };
  const started = Date.now();
  let sent = 0;
  await new Promise((done) => {
    const timer = setInterval(() => {
      const due = Math.min(count, Math.floor(((Date.now() - started) * rate) / 1000));
      for (; sent < due; sent++) queue.push({ key: String(sent), value: String(now()) });
      flushing ??= flush().finally(() => (flushing = undefined));
      if (sent >= count) {
        clearInterval(timer);
        done();
      }
    }, 1);
  });
  const until = Date.now() + 10_000;
  while (latencies.length < count && Date.now() < until)
    await new Promise((r) => setTimeout(r, 20));
  await producer.disconnect();
  await consumer.disconnect();
  return { delivered: latencies.length, latency: percentiles(latencies) };
}
