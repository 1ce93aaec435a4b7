import { listenOn, type ServiceDefinition } from '@teranode-p2p/service-runtime';
import { BanServiceModule } from './ban-service.module.js';

export const banServiceDefinition: ServiceDefinition = {
  name: 'ban-service',
  module: (settings) => BanServiceModule.forRoot(settings),
  http: (settings) => listenOn(settings.ban_service_http_listen_address),
};
