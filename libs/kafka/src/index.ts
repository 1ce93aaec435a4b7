export * from './message-bus.js';
export { KafkaMessageBus, type KafkaBusOptions } from './kafka-message-bus.js';
export type { ConsumerRestart } from './kafka-bus-consumer.js';
export { MemoryMessageBus, type MemoryBusOptions } from './memory-message-bus.js';
export {
  openServiceBus,
  processMessageBus,
  ServiceBus,
  type BusOwnership,
  type ServiceBusOptions,
} from './service-bus.js';
export { ConsumerLagGauge, type LagSource, type PartitionLag } from './consumer-lag.js';
export { keyHashPartitioner, partitionForKey } from './partition-for-key.js';
export { kafkaErrorTypes, refusalOf, type RefusalReason } from './kafka-errors.js';
export { KAFKA_DEFAULT_MAX_MESSAGE_BYTES, recordBytes } from './record-size.js';
export { retryDelay, type RetryDelayOptions } from './retry-delay.js';
export { Topic, type TopicNames } from './topic.js';
export { noDelaySocketFactory } from './socket-factory.js';
