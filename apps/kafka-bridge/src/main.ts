import { runServiceMain } from '@teranode-p2p/service-runtime';
import { kafkaBridgeDefinition } from './kafka-bridge.definition.js';

await runServiceMain(kafkaBridgeDefinition);
