import { KafkaMessageBus } from './kafka-message-bus.js';
import type { MessageBus } from './message-bus.js';
import { MemoryMessageBus } from './memory-message-bus.js';

export interface MessageBusSettings {
  /** Broker addresses; empty → the in-process bus (embedded local network). */
  brokers: readonly string[];
  clientId: string;
}

let processBus: MemoryMessageBus | undefined;

/**
 * The in-process bus of this process. Every service composed into one process (the embedded
 * local network) gets the same one, which is what lets them talk without Kafka.
 */
export function processMessageBus(): MemoryMessageBus {
  return (processBus ??= new MemoryMessageBus());
}

/** The one place a service gets its bus: Kafka when brokers are configured, in-process otherwise. */
export function createMessageBus(
  settings: MessageBusSettings,
  shared?: MemoryMessageBus,
): MessageBus {
  if (settings.brokers.length > 0) {
    return new KafkaMessageBus({ brokers: [...settings.brokers], clientId: settings.clientId });
  }
  return shared ?? processMessageBus();
}
