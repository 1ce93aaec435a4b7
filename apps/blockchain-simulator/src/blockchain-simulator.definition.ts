import { formatHostPort } from '@teranode-p2p/config';
import {
  grpcServerCredentials,
  grpcServerOptions,
  listenOn,
  type ServiceDefinition,
} from '@teranode-p2p/service-runtime';
import { BlockchainSimulatorModule } from './blockchain-simulator.module.js';

export const blockchainSimulatorDefinition: ServiceDefinition = {
  name: 'blockchain-simulator',
  module: (settings) => BlockchainSimulatorModule.forRoot(settings),
  http: (settings) => listenOn(settings.simulator_http_listen_address),
  grpc: (settings) => {
    const { host, port } = listenOn(settings.simulator_grpc_listen_address);
    return [
      {
        ...grpcServerOptions(formatHostPort({ host, port }), [
          { package: 'blockchain_api', proto: 'blockchain_api.proto' },
        ]),
        credentials: grpcServerCredentials(settings),
      },
    ];
  },
};
