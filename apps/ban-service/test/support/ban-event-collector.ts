import { banEventsTopic, p2p_events } from '@teranode-p2p/contracts';
import { KafkaMessageBus } from '@teranode-p2p/kafka';
import { uniqueName, waitFor } from '@teranode-p2p/testing';

export interface CollectedEvent {
  key: string;
  event: p2p_events.BanEvent;
}

/** Reads the ban-events topic of one test from the beginning, decoding every record. */
export class BanEventCollector {
  readonly events: CollectedEvent[] = [];
  private readonly bus: KafkaMessageBus;

  constructor(
    brokers: string[],
    private readonly topic: string,
  ) {
    this.bus = new KafkaMessageBus({ brokers, clientId: uniqueName('ban-test') });
  }

  async start(): Promise<void> {
    await this.bus.ensureTopics([{ topic: this.topic }]);
    const consumer = this.bus.createConsumer({
      groupId: uniqueName('ban-test'),
      topics: [this.topic],
      fromBeginning: true,
      handler: async (record) => {
        this.events.push({
          key: record.key?.toString() ?? '',
          event: banEventsTopic.fromRecord(record),
        });
      },
    });
    await consumer.start();
  }

  /** Waits until `count` events have arrived and returns them as `action|kind|value`. */
  async summary(count: number, timeoutMs = 15_000): Promise<string[]> {
    await waitFor(`${count} ban events on ${this.topic}`, () => this.events.length >= count, {
      timeoutMs,
    });
    return this.events.map(({ event }) => summarise(event));
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}

export function summarise(event: p2p_events.BanEvent): string {
  const action = p2p_events.banActionToJSON(event.action).replace('BAN_ACTION_', '');
  const kind = p2p_events.banKindToJSON(event.kind).replace('BAN_KIND_', '');
  return `${action}|${kind}|${event.value}`;
}
