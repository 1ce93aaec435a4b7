import { readFileSync } from 'node:fs';
import { ServerCredentials } from '@grpc/grpc-js';
import { formatHostPort, SettingsError, type Settings } from '@teranode-p2p/config';
import { grpcServerOptions, listenOn, type ServiceDefinition } from '@teranode-p2p/service-runtime';
import { BanServiceModule } from './ban-service.module.js';

function grpcCredentials(settings: Settings): ServerCredentials | undefined {
  if (settings.security_level_grpc === 0) return undefined;
  const read = (key: 'server_certFile' | 'server_keyFile') => {
    try {
      return readFileSync(settings[key]!);
    } catch (error) {
      throw new SettingsError(
        `invalid setting ${key}="${settings[key]}": cannot read it (${(error as Error).message})`,
      );
    }
  };
  return ServerCredentials.createSsl(null, [
    { cert_chain: read('server_certFile'), private_key: read('server_keyFile') },
  ]);
}

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
        ]),
        credentials: grpcCredentials(settings),
      },
    ];
  },
};
