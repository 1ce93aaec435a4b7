import { listenOn, type ServiceDefinition } from '@teranode-p2p/service-runtime';
import { KafkaBridgeModule } from './kafka-bridge.module.js';

export const kafkaBridgeDefinition: ServiceDefinition = {
  name: 'kafka-bridge',
  module: (settings) => KafkaBridgeModule.forRoot(settings),
  http: (settings) => listenOn(settings.kafka_bridge_http_listen_address),
};
