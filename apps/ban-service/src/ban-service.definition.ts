import { formatHostPort } from '@teranode-p2p/config';
import {
  grpcServerCredentials,
  grpcServerOptions,
  listenOn,
  type ServiceDefinition,
} from '@teranode-p2p/service-runtime';
import { BanServiceModule } from './ban-service.module.js';

export const banServiceDefinition: ServiceDefinition = {
  name: 'ban-service',
  module: (settings) => BanServiceModule.forRoot(settings),
  http: (settings) => listenOn(settings.ban_service_http_listen_address),
  grpc: (settings) => {
    const { host, port } = listenOn(settings.ban_service_grpc_listen_address);
    return [
      {
        ...grpcServerOptions(formatHostPort({ host, port }), [
          { package: 'p2p_api', proto: 'p2p_api.proto' },
          { package: 'ban_service', proto: 'ban_service.proto' },
          { package: 'peer_registry', proto: 'peer_registry.proto' },
        ]),
        credentials: grpcServerCredentials(settings),
      },
    ];
  },
};
