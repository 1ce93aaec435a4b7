import {
  invalidBlocksTopic,
  invalidSubtreesTopic,
  p2p_events,
  p2pEventsTopic,
  rejectedTxTopic,
} from '@teranode-p2p/contracts';
import {
  KafkaMessageBus,
  type BusConsumer,
  type BusProducer,
  type IncomingRecord,
  type OutgoingRecord,
} from '@teranode-p2p/kafka';
import { freePort, spawnApp, uniqueName, waitFor, type SpawnedApp } from '@teranode-p2p/testing';

export const SENDER = '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n';
export const OTHER_PEER = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';
export const THIRD_PEER = '12D3KooWCvNWUbiS9iY7WHdFWPXjwRT3RtCoPMfZC1KiCDCPQAtB';
/** The gossip node that received the events (an event it sends itself is its own). */
export const RECEIVER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
export const DATA_HUB = 'https://peer2.example.com/api/v1';
export const API_KEY = 'bridge-test-key';

/** Fresh topic names for one test, so nothing left by another run is seen. */
export function freshTopics() {
  return {
    KAFKA_P2P_EVENTS: uniqueName('kb-events'),
    KAFKA_BLOCKS: uniqueName('kb-blocks'),
    KAFKA_SUBTREES: uniqueName('kb-subtrees'),
    KAFKA_REJECTEDTX: uniqueName('kb-rejectedtx'),
    KAFKA_INVALID_BLOCKS: uniqueName('kb-invalid-blocks'),
    KAFKA_INVALID_SUBTREES: uniqueName('kb-invalid-subtrees'),
    KAFKA_DLQ: uniqueName('kb-dlq'),
  };
}
export type Topics = ReturnType<typeof freshTopics>;

/** A 64-hex hash derived from a number (display order). */
export function hashOf(n: number, salt = 0): string {
  return (salt.toString(16).padStart(8, '0') + n.toString(16).padStart(8, '0')).padStart(64, 'a');
}

/** A block announcement as gossip-node puts it on p2p.events. */
export function blockP2PEvent(hash: string, sender = SENDER, url = DATA_HUB): p2p_events.P2PEvent {
  return p2pEvent({
    sender_peer_id: sender,
    block: { hash, height: 100, data_hub_url: url, peer_id: sender, header: '', coinbase: '' },
  });
}

export function blockEvent(hash: string, sender = SENDER, url = DATA_HUB): Buffer {
  return p2pEventsTopic.encode(blockP2PEvent(hash, sender, url));
}

/** Block announcements as gossip-node records them: keyed and encoded by the p2p.events contract. */
export function blockEventRecords(hashes: readonly string[]): OutgoingRecord[] {
  return hashes.map((hash) => p2pEventsTopic.toRecord(blockP2PEvent(hash)));
}

export function subtreeEvent(hash: string, sender = SENDER, url = DATA_HUB): Buffer {
  return encodeEvent({
    sender_peer_id: sender,
    subtree: { hash, data_hub_url: url, peer_id: sender },
  });
}

function p2pEvent(fields: Partial<p2p_events.P2PEvent>): p2p_events.P2PEvent {
  return p2p_events.P2PEvent.fromPartial({
    receiver_peer_id: RECEIVER,
    topic: 'teranode/bitcoin/1.0.0/mainnet-block',
    received_at_ms: String(Date.now()),
    ...fields,
  });
}

export function encodeEvent(fields: Partial<p2p_events.P2PEvent>): Buffer {
  return p2pEventsTopic.encode(p2pEvent(fields));
}

export function invalidBlock(hash: string): Buffer {
  return invalidBlocksTopic.encode({ blockHash: hash, reason: 'bad' });
}

export function invalidSubtree(hash: string, peerUrl = ''): Buffer {
  return invalidSubtreesTopic.encode({ subtreeHash: hash, peerUrl, reason: 'bad' });
}

export function rejectedTx(txHash: string, peerId = ''): Buffer {
  return rejectedTxTopic.encode({ txHash, reason: 'double spend', peer_id: peerId });
}

/** Reads a topic from the beginning into memory. */
export class TopicReader {
  readonly records: IncomingRecord[] = [];
  private consumer: BusConsumer | undefined;
  private constructor(private readonly bus: KafkaMessageBus) {}

  static async start(brokers: string[], topics: string[]): Promise<TopicReader> {
    const bus = new KafkaMessageBus({ brokers, clientId: 'kafka-bridge-test-reader' });
    const reader = new TopicReader(bus);
    reader.consumer = bus.createConsumer({
      groupId: uniqueName('reader'),
      topics,
      fromBeginning: true,
      batchHandler: async (batch) => {
        reader.records.push(...batch.records);
      },
    });
    await reader.consumer.start();
    return reader;
  }

  /** Why the reader's consumer stopped, if it did. */
  failure(): string | undefined {
    return this.consumer?.failure();
  }

  on(topic: string): IncomingRecord[] {
    return this.records.filter((r) => r.topic === topic);
  }

  async waitFor(topic: string, count: number, timeoutMs = 30_000): Promise<IncomingRecord[]> {
    await waitFor(`${count} records on ${topic}`, () => this.on(topic).length >= count, {
      timeoutMs,
      intervalMs: 100,
    });
    return this.on(topic);
  }

  async close(): Promise<void> {
    await this.bus.close();
  }
}

/** Produces raw records to the broker. */
export class RecordWriter {
  private constructor(
    private readonly bus: KafkaMessageBus,
    private readonly producer: BusProducer,
  ) {}

  static async start(brokers: string[]): Promise<RecordWriter> {
    const bus = new KafkaMessageBus({ brokers, clientId: 'kafka-bridge-test-writer' });
    return new RecordWriter(bus, await bus.createProducer());
  }

  /** Raw values (garbage included), without a key unless one is given. */
  async send(topic: string, values: Buffer[], key?: (i: number) => Buffer | string): Promise<void> {
    await this.sendRecords(
      topic,
      values.map((value, i) => ({ key: key?.(i) ?? null, value })),
    );
  }

  /** Records as a contract encoded them, e.g. blockEventRecords. */
  async sendRecords(topic: string, records: OutgoingRecord[]): Promise<void> {
    await this.producer.send(topic, records);
  }

  async close(): Promise<void> {
    await this.bus.close();
  }
}

export interface BridgeOptions {
  brokers: string[];
  topics: Topics;
  grpcAddress: string;
  groupId?: string;
  env?: Record<string, string>;
}

/** The built kafka-bridge, spawned as operators run it. */
export async function spawnBridge(
  options: BridgeOptions,
): Promise<SpawnedApp & { metricsUrl: string }> {
  const httpPort = await freePort();
  const app = await spawnApp('kafka-bridge', {
    env: {
      KAFKA_BROKERS: options.brokers.join(','),
      ...options.topics,
      kafka_bridge_group_id: options.groupId ?? uniqueName('kafka-bridge'),
      kafka_bridge_http_listen_address: `127.0.0.1:${httpPort}`,
      ban_service_grpc_address: options.grpcAddress,
      p2p_grpc_address: options.grpcAddress,
      blockchain_grpc_address: options.grpcAddress,
      grpc_admin_api_key: API_KEY,
      kafka_bridge_retry_backoff: '100ms',
      kafka_bridge_retry_max_backoff: '400ms',
      kafka_bridge_grpc_timeout: '2s',
      ...options.env,
    },
    readyWhen: /kafka-bridge consuming/,
    readyTimeoutMs: 60_000,
  });
  return Object.assign(app, { metricsUrl: `http://127.0.0.1:${httpPort}/metrics` });
}

/** The value of one sample of /metrics (0 when absent). */
export async function metric(
  url: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(url)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}
