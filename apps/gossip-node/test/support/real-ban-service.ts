// Shared with the other apps' tests: the helper lives in @teranode-p2p/testing.
export { startRealBanService, type RealBanService } from '@teranode-p2p/testing';
