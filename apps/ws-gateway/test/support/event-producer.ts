import { p2p_events, p2pEventsTopic } from '@teranode-p2p/contracts';
import { KafkaMessageBus, type BusProducer } from '@teranode-p2p/kafka';
import { requireKafka, uniqueName } from '@teranode-p2p/testing';

export const SENDER = '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n';
export const RECEIVER = '12D3KooWJpBNhwgvoZ15EB1JwRTRpxgM9NVaqpDtWZXfTf6CpCQd';

/** A P2PEvent with nothing set but the sender, receiver and the given fields. */
export function p2pEvent(
  fields: Parameters<typeof p2p_events.P2PEvent.fromPartial>[0],
): p2p_events.P2PEvent {
  return p2p_events.P2PEvent.fromPartial({
    sender_peer_id: SENDER,
    receiver_peer_id: RECEIVER,
    topic: 'teranode/bitcoin/1.0.0/mainnet-block',
    ...fields,
  });
}

export function subtreeEvent(
  hash: string,
  receivedAtMs = Date.now(),
  dataHubUrl = 'https://peer2.example.com/api/v1',
): p2p_events.P2PEvent {
  return p2pEvent({
    received_at_ms: String(receivedAtMs),
    subtree: { hash, data_hub_url: dataHubUrl, peer_id: SENDER },
  });
}

/** Produces P2PEvents (or raw bytes) to a fresh topic on the real broker, as gossip-node will. */
export class EventProducer {
  private constructor(
    readonly topic: string,
    private readonly bus: KafkaMessageBus,
    private readonly producer: BusProducer,
  ) {}

  /** On the shared test broker, or on `brokers` (a private broker of an outage test). */
  static async create(partitions = 1, brokers?: string[]): Promise<EventProducer> {
    brokers ??= await requireKafka();
    const topic = uniqueName('ws-gateway-events');
    const bus = new KafkaMessageBus({ brokers, clientId: 'ws-gateway-test' });
    await bus.ensureTopics([{ topic, partitions }]);
    return new EventProducer(topic, bus, await bus.createProducer());
  }

  /** Records as gossip-node makes them: keyed and encoded by the p2p.events contract. */
  async send(...events: p2p_events.P2PEvent[]): Promise<void> {
    await this.producer.send(
      this.topic,
      events.map((event) => p2pEventsTopic.toRecord(event)),
    );
  }

  /** Bytes that may be no P2PEvent at all. */
  async sendRaw(...values: Buffer[]): Promise<void> {
    await this.producer.send(
      this.topic,
      values.map((value, i) => ({ key: String(i), value })),
    );
  }

  async close(): Promise<void> {
    await this.bus.close();
  }
}
