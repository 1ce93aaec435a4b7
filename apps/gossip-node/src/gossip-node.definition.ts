import { formatHostPort } from '@teranode-p2p/config';
import {
  grpcServerCredentials,
  grpcServerOptions,
  listenOn,
  type ServiceDefinition,
} from '@teranode-p2p/service-runtime';
import { GossipNodeModule } from './gossip-node.module.js';

export const gossipNodeDefinition: ServiceDefinition = {
  name: 'gossip-node',
  module: () => GossipNodeModule.forRoot(),
  http: (settings) => listenOn(settings.gossip_node_http_listen_address),
  grpc: (settings) => [
    {
      ...grpcServerOptions(formatHostPort(listenOn(settings.p2p_grpc_listen_address)), [
        { package: 'p2p_api', proto: 'p2p_api.proto' },
        { package: 'gossip_node', proto: 'gossip_node.proto' },
      ]),
      credentials: grpcServerCredentials(settings),
    },
  ],
};
