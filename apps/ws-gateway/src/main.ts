import { runServiceMain } from '@teranode-p2p/service-runtime';
import { wsGatewayDefinition } from './ws-gateway.definition.js';

await runServiceMain(wsGatewayDefinition);
