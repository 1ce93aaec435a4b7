import { listenOn, type ServiceDefinition } from '@teranode-p2p/service-runtime';
import { httpsOptions } from './tls/https-options.js';
import { WsGatewayModule } from './ws-gateway.module.js';

export const wsGatewayDefinition: ServiceDefinition = {
  name: 'ws-gateway',
  module: (settings) => WsGatewayModule.forRoot(settings),
  http: (settings) => listenOn(settings.p2p_http_listen_address),
  https: httpsOptions,
};
