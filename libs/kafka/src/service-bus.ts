import { Counter, type Registry } from 'prom-client';
import { ConsumerLagGauge } from './consumer-lag.js';
import { KafkaMessageBus } from './kafka-message-bus.js';
import { MemoryMessageBus } from './memory-message-bus.js';
import type {
  BusConsumer,
  BusProducer,
  ConsumerOptions,
  MessageBus,
  ProducerOptions,
  TopicSpec,
} from './message-bus.js';

let processBus: MemoryMessageBus | undefined;

/**
 * The in-process bus of this process. Every service composed into one process (the embedded
 * local network) borrows the same one, which is what lets them talk without Kafka; none of
 * them owns it, so none closes it.
 */
export function processMessageBus(): MemoryMessageBus {
  return (processBus ??= new MemoryMessageBus());
}

/**
 * `owned`: the service created the bus (its own Kafka clients) and closes it.
 * `borrowed`: the bus is shared with other services of the process (the in-process bus); the
 * service closes only the producers and consumers it created on it.
 */
export type BusOwnership = 'owned' | 'borrowed';

export interface ServiceBusOptions {
  /** The service's name, e.g. `ws-gateway`: its Kafka client ID suffix and lag metric prefix. */
  service: string;
  /** Broker addresses (`KAFKA_BROKERS`); empty → the in-process bus, borrowed. */
  brokers: readonly string[];
  /** `KAFKA_CLIENT_ID`: the client ID is `<prefix>-<service>`. */
  clientIdPrefix: string;
  /** Where the service's consumer lag gauge is registered (its metrics registry). */
  registry?: Registry;
  /** The bus to borrow when no brokers are set (default: the process's in-process bus). */
  shared?: MessageBus;
  /** Where a failed attempt to reach the brokers is told (a warning line, naming them). */
  warn?: (message: string) => void;
}

/**
 * A service's one handle on the message bus: the bus it may use and what of it the service
 * owns. Every consumer created through it reports to the service's lag gauge
 * (`<service>_kafka_consumer_lag`) unless given another, and `close` closes exactly what the
 * service owns — never the consumers of other services that borrow the same in-process bus.
 */
export class ServiceBus implements MessageBus {
  readonly kind: MessageBus['kind'];
  readonly clientId: string;
  private readonly producers = new Set<BusProducer>();
  private readonly consumers = new Set<BusConsumer>();
  private lagGauge: ConsumerLagGauge | undefined;

  constructor(
    private readonly bus: MessageBus,
    readonly ownership: BusOwnership,
    readonly service: string,
    clientId: string,
    private readonly registry?: Registry,
  ) {
    this.kind = bus.kind;
    this.clientId = clientId;
  }

  /** The service's consumer lag gauge, created with its first consumer. */
  get lag(): ConsumerLagGauge | undefined {
    return this.lagGauge;
  }

  ensureTopics(topics: TopicSpec[]): Promise<void> {
    return this.bus.ensureTopics(topics);
  }

  async createProducer(options?: ProducerOptions): Promise<BusProducer> {
    const producer = await this.bus.createProducer(options);
    this.producers.add(producer);
    return {
      send: (topic, records) => producer.send(topic, records),
      disconnect: async () => {
        this.producers.delete(producer);
        await producer.disconnect();
      },
    };
  }

  createConsumer(options: ConsumerOptions): BusConsumer {
    const consumer = this.bus.createConsumer({ ...options, lag: options.lag ?? this.lagFor() });
    const own: BusConsumer = {
      start: () => consumer.start(),
      stop: async () => {
        this.consumers.delete(own);
        await consumer.stop();
      },
      lag: () => consumer.lag(),
      failure: () => consumer.failure(),
    };
    this.consumers.add(own);
    return own;
  }

  checkConnection(): Promise<void> {
    return this.bus.checkConnection();
  }

  /** Its own consumers' failures only: a borrowed bus also carries other services'. */
  consumerFailures(): string[] {
    return [...this.consumers].flatMap((consumer) => consumer.failure() ?? []);
  }

  /** Closes what the service owns: the whole bus if owned, else its own producers and consumers. */
  async close(): Promise<void> {
    const consumers = [...this.consumers];
    const producers = [...this.producers];
    this.consumers.clear();
    this.producers.clear();
    if (this.ownership === 'owned') return this.bus.close();
    await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
    await Promise.allSettled(producers.map((producer) => producer.disconnect()));
  }

  private lagFor(): ConsumerLagGauge | undefined {
    if (!this.registry) return undefined;
    return (this.lagGauge ??= new ConsumerLagGauge({
      name: `${metricPrefix(this.service)}_kafka_consumer_lag`,
      registers: [this.registry],
    }));
  }
}

/** A service's metric name prefix: `ws-gateway` → `ws_gateway`. */
function metricPrefix(service: string): string {
  return service.replace(/-/g, '_');
}

/**
 * The one way a service gets its bus: its own Kafka clients (owned) when brokers are set,
 * otherwise the in-process bus it shares with the other services of the process (borrowed).
 */
export function openServiceBus(options: ServiceBusOptions): ServiceBus {
  const clientId = `${options.clientIdPrefix}-${options.service}`;
  if (options.brokers.length > 0) {
    const { warn } = options;
    const brokers = options.brokers.join(',');
    const restarts = options.registry
      ? new Counter({
          name: `${metricPrefix(options.service)}_kafka_consumer_restarts_total`,
          help: 'Consumers the Kafka client stopped for good after they had joined, started again.',
          labelNames: ['group'],
          registers: [options.registry],
        })
      : undefined;
    const bus = new KafkaMessageBus({
      brokers: [...options.brokers],
      clientId,
      onConnectionFailure: warn
        ? ({ error, attempt, retryInMs }) =>
            warn(
              `Kafka brokers ${brokers} (KAFKA_BROKERS) unreachable, attempt ${attempt}: ${error}${retryInMs === undefined ? '' : `; retrying in ${retryInMs} ms`}`,
            )
        : undefined,
      onConsumerRestart: ({ groupId, cause, attempt, retryInMs }) => {
        restarts?.inc({ group: groupId });
        warn?.(
          `Kafka consumer group ${groupId} stopped by the client (${cause}); starting it again in ${retryInMs} ms (restart ${attempt} in a row)`,
        );
      },
    });
    return new ServiceBus(bus, 'owned', options.service, clientId, options.registry);
  }
  const shared = options.shared ?? processMessageBus();
  return new ServiceBus(shared, 'borrowed', options.service, clientId, options.registry);
}
