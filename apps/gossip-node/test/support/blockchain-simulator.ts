// Shared with the other apps' tests: the helper lives in @teranode-p2p/testing.
export { startBlockchainSimulator } from '@teranode-p2p/testing';
