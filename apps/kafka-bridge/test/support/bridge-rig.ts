import { KafkaMessageBus, type TopicSpec } from '@teranode-p2p/kafka';
import { freePort, requireKafka, type SpawnedApp } from '@teranode-p2p/testing';
import {
  freshTopics,
  RecordWriter,
  spawnBridge,
  TopicReader,
  type Topics,
} from './bridge-fixture.js';
import { TeranodeGrpcServers } from './teranode-grpc-servers.js';

/** One spawned bridge on fresh topics with its gRPC servers, a reader and a writer. */
export interface BridgeRig {
  brokers: string[];
  topics: Topics;
  grpc: TeranodeGrpcServers;
  bridge: SpawnedApp & { metricsUrl: string };
  reader: TopicReader;
  writer: RecordWriter;
  close(): Promise<void>;
}

export async function startBridgeRig(options: {
  /** Whether the gRPC servers answer from the start (false: the services are down). */
  grpcUp: boolean;
  /** Topics the reader follows (they must exist: the bridge creates its own). */
  read: (topics: Topics) => string[];
  env?: Record<string, string>;
  /** Topics created before the bridge starts (e.g. with a small max.message.bytes). */
  create?: (topics: Topics) => TopicSpec[];
}): Promise<BridgeRig> {
  const brokers = await requireKafka();
  const topics = freshTopics();
  if (options.create) {
    const admin = new KafkaMessageBus({ brokers, clientId: 'kafka-bridge-test-topics' });
    await admin.ensureTopics(options.create(topics));
    await admin.close();
  }
  const grpc = new TeranodeGrpcServers(await freePort());
  if (options.grpcUp) await grpc.start();
  const writer = await RecordWriter.start(brokers);
  const bridge = await spawnBridge({
    brokers,
    topics,
    grpcAddress: grpc.address,
    ...(options.env ? { env: options.env } : {}),
  });
  const reader = await TopicReader.start(brokers, options.read(topics));
  return {
    brokers,
    topics,
    grpc,
    bridge,
    reader,
    writer,
    close: async () => {
      await bridge.stop();
      await reader.close();
      await writer.close();
      await grpc.stop();
    },
  };
}
