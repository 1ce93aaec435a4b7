import { p2pEventsTopic, type p2p_events } from '@teranode-p2p/contracts';
import { KafkaMessageBus, type BusConsumer } from '@teranode-p2p/kafka';
import { uniqueName } from '@teranode-p2p/testing';

export interface CollectedEvent {
  readonly key: string;
  readonly event: p2p_events.P2PEvent;
}

/** Reads a P2PEvent topic of the real broker from the beginning and keeps what it saw. */
export class P2pEventCollector {
  readonly events: CollectedEvent[] = [];
  private readonly bus: KafkaMessageBus;
  private consumer: BusConsumer | undefined;

  constructor(
    brokers: string[],
    readonly topic: string,
    private readonly maxMessageBytes?: number,
  ) {
    this.bus = new KafkaMessageBus({ brokers, clientId: uniqueName('collector') });
  }

  async start(): Promise<void> {
    await this.bus.ensureTopics([{ topic: this.topic, maxMessageBytes: this.maxMessageBytes }]);
    this.consumer = this.bus.createConsumer({
      groupId: uniqueName('collector'),
      topics: [this.topic],
      fromBeginning: true,
      handler: async (record) => {
        this.events.push({
          key: record.key?.toString() ?? '',
          event: p2pEventsTopic.fromRecord(record),
        });
      },
    });
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    await this.bus.close();
  }
}

/**
 * A collector on a fresh P2PEvent topic, started, and the node settings that send there (on
 * the regtest network, whose topics the tests publish on).
 */
export async function collectEvents(
  brokers: string[],
  topic: { maxMessageBytes?: number } = {},
): Promise<{ collector: P2pEventCollector; env: Record<string, string> }> {
  const collector = new P2pEventCollector(brokers, uniqueName('p2p-events'), topic.maxMessageBytes);
  await collector.start();
  return {
    collector,
    env: {
      network: 'regtest',
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_P2P_EVENTS: collector.topic,
    },
  };
}
