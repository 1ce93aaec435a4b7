// Shared with the other apps' tests: the helper lives in @teranode-p2p/testing.
export {
  newNodeKey,
  startNodeProcess,
  waitForPeers,
  type NodeProcess,
} from '@teranode-p2p/testing';
