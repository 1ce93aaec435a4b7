import type { Settings } from '@teranode-p2p/config';
import { FULL_STORAGE, PRUNED_STORAGE } from '@teranode-p2p/peer-registry';

/** Teranode's lag limit when global_blockHeightRetention is 0: two days of blocks. */
const DEFAULT_RETENTION = 288;

export type StorageSettings = Pick<
  Settings,
  'global_blockHeightRetention' | 'pruner_block_trigger'
>;

/**
 * node_status `storage`, as Teranode's util.DetermineStorageMode: "full" while the block
 * persister is within the retention window of the best block (nothing in the window is pruned
 * yet), otherwise "pruned". A persister height of 0 means no block persister (or one the
 * blockchain service could not report), and a pruner triggered on mined blocks prunes before
 * persisting: both "pruned". Never empty.
 */
export function storageMode(
  settings: StorageSettings,
  blockPersisterHeight: number,
  bestHeight: number,
): typeof FULL_STORAGE | typeof PRUNED_STORAGE {
  if (settings.pruner_block_trigger === 'OnBlockMined') return PRUNED_STORAGE;
  if (blockPersisterHeight === 0) return PRUNED_STORAGE;
  const lag = Math.max(0, bestHeight - blockPersisterHeight);
  return lag <= (settings.global_blockHeightRetention || DEFAULT_RETENTION)
    ? FULL_STORAGE
    : PRUNED_STORAGE;
}
