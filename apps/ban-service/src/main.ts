import { runServiceMain } from '@teranode-p2p/service-runtime';
import { banServiceDefinition } from './ban-service.definition.js';

await runServiceMain(banServiceDefinition);
