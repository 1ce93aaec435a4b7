export { gossipNodeDefinition } from './gossip-node.definition.js';
export { GossipNodeModule } from './gossip-node.module.js';
