import { runServiceMain } from '@teranode-p2p/service-runtime';
import { blockchainSimulatorDefinition } from './blockchain-simulator.definition.js';

await runServiceMain(blockchainSimulatorDefinition);
