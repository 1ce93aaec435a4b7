export { kafkaBridgeDefinition } from './kafka-bridge.definition.js';
export { KafkaBridgeModule } from './kafka-bridge.module.js';
