export { gossipNodeDefinition } from './gossip-node.definition.js';
export { GossipNodeModule } from './gossip-node.module.js';
export { GossipPublisher } from './gossip/outbound-gossip.js';
export { LIBP2P_HOST } from './host/host.module.js';
export { createLibp2pHost } from './host/create-libp2p-host.js';
