// The baseline: a bare `ws` server fed by the same Kafka topic, that turns each P2PEvent into
// its notification JSON once and send()s that string to every client (ws frames it per client).
import { p2p_events } from '@teranode-p2p/contracts';
import { notificationFromEvent, serializeNotification } from '@teranode-p2p/notifications';
// kafkajs with the services' fix of its request-queue timer (libs/kafka), so the baseline
// differs from the service only in the service's own work.
import '@teranode-p2p/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { WebSocketServer } from 'ws';

const [portText, brokers, topic, groupId] = process.argv.slice(2);
const wss = new WebSocketServer({
  port: Number(portText),
  host: '127.0.0.1',
  path: '/p2p-ws',
  perMessageDeflate: false,
  backlog: 4096,
});
const consumer = new Kafka({
  clientId: 'bench-bare',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
}).consumer({ groupId });
await consumer.connect();
await consumer.subscribe({ topics: [topic], fromBeginning: false });
// Whole fetched batches, as ws-gateway reads them, so both servers get events equally fast.
await consumer.run({
  eachBatch: async ({ batch }) => {
    for (const message of batch.messages) {
      const notification = notificationFromEvent(
        p2p_events.P2PEvent.decode(message.value),
        Date.now(),
      );
      if (!notification) continue;
      const json = serializeNotification(notification);
      for (const client of wss.clients) client.send(json);
    }
  },
});
process.on('SIGTERM', async () => {
  await consumer.disconnect();
  process.exit(0);
});
console.log('bare ws server ready');
