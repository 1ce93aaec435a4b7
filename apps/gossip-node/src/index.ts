export { gossipNodeDefinition } from './gossip-node.definition.js';
export { GossipNodeModule } from './gossip-node.module.js';
export { GossipNode } from './node/gossip-node.js';
