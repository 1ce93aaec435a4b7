export { blockchainSimulatorDefinition } from './blockchain-simulator.definition.js';
export { BlockchainSimulatorModule } from './blockchain-simulator.module.js';
