export {
  ChainHashError,
  hashToInternalBytes,
  internalBytesToHash,
  normaliseHash,
} from './chain-hash.js';
