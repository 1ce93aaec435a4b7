import { listenOn, type ServiceDefinition } from '@teranode-p2p/service-runtime';
import { GossipNodeModule } from './gossip-node.module.js';

export const gossipNodeDefinition: ServiceDefinition = {
  name: 'gossip-node',
  module: (settings) => GossipNodeModule.forRoot(settings),
  http: (settings) => listenOn(settings.gossip_node_http_listen_address),
};
