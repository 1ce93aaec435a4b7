export {
  ChainHashError,
  hashToInternalBytes,
  internalBytesToHash,
  normaliseHash,
} from './chain-hash.js';
export {
  BLOCK_HEADER_SIZE,
  doubleSha256,
  headerHash,
  meetsTarget,
  mineHeader,
  parseHeader,
  REGTEST_GENESIS,
  serialiseHeader,
  targetFromBits,
  workFromBits,
  type BlockHeader,
} from './block-header.js';
