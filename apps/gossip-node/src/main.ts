import { runServiceMain } from '@teranode-p2p/service-runtime';
import { gossipNodeDefinition } from './gossip-node.definition.js';

await runServiceMain(gossipNodeDefinition);
