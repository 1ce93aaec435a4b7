import { describe, expect, it } from '@jest/globals';
import { syncPeer } from '../test/support/peer-fixture.js';
import { syncTriggerFor } from './sync-trigger.js';

describe('syncTriggerFor (sendSyncMessage)', () => {
  it('an unknown peer is an error naming it ("not found")', () => {
    expect(syncTriggerFor('p', undefined)).toEqual({
      ok: false,
      error: 'peer p not found in registry',
    });
  });

  it('a peer without a best-block hash is an error ("no block hash")', () => {
    expect(syncTriggerFor('p', syncPeer('p', 10, 'full', 50))).toEqual({
      ok: false,
      error: 'no block hash available for peer p',
    });
  });

  it('otherwise the hash, the DataHub URL and the peer ID', () => {
    const hash = 'ab'.repeat(32);
    expect(syncTriggerFor('p', syncPeer('p', 10, 'full', 50, { blockHash: hash }))).toEqual({
      ok: true,
      message: { hash, url: 'http://p.example', peerId: 'p' },
    });
  });
});
