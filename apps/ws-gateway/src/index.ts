export { wsGatewayDefinition } from './ws-gateway.definition.js';
export { WsGatewayModule } from './ws-gateway.module.js';
