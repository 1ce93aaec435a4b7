import { describe, expect, it } from '@jest/globals';
import { storageMode, type StorageSettings } from './storage-mode.js';

const TERANODE: StorageSettings = {
  global_blockHeightRetention: 288,
  pruner_block_trigger: 'OnBlockPersisted',
};

// Cases as in Teranode's util/storage_mode_test.go.
describe('storage in node_status (util.DetermineStorageMode)', () => {
  it('is full while the block persister is within the retention window', () => {
    expect(storageMode(TERANODE, 1000, 1000)).toBe('full');
    expect(storageMode(TERANODE, 712, 1000)).toBe('full');
    expect(storageMode(TERANODE, 1010, 1000)).toBe('full'); // persister ahead: no lag
  });

  it('is pruned once the persister lags beyond the window', () => {
    expect(storageMode(TERANODE, 711, 1000)).toBe('pruned');
    expect(storageMode({ ...TERANODE, global_blockHeightRetention: 100 }, 899, 1000)).toBe(
      'pruned',
    );
    expect(storageMode({ ...TERANODE, global_blockHeightRetention: 100 }, 900, 1000)).toBe('full');
  });

  it('takes a retention of 0 for 288 blocks, as Teranode', () => {
    const zero = { ...TERANODE, global_blockHeightRetention: 0 };
    expect([storageMode(zero, 712, 1000), storageMode(zero, 711, 1000)]).toEqual([
      'full',
      'pruned',
    ]);
  });

  it('is pruned without a block persister (height 0) or with the pruner on mined blocks', () => {
    expect(storageMode(TERANODE, 0, 0)).toBe('pruned');
    expect(storageMode(TERANODE, 0, 5)).toBe('pruned');
    expect(storageMode({ ...TERANODE, pruner_block_trigger: 'OnBlockMined' }, 1000, 1000)).toBe(
      'pruned',
    );
  });
});
