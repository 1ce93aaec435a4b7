import { describe, expect, it } from '@jest/globals';
import { MINUTE, peer, T0 } from '../test/support/peer-fixture.js';
import {
  MAX_CATCHUP_ERROR_LENGTH,
  recordCatchupError,
  recordMessageReceived,
  setConnectionState,
  setStorage,
} from './peer-status.js';

describe('peer status operations', () => {
  it('UpdateConnectionState flips the flag both ways', () => {
    const connected = setConnectionState(peer('p'), true);
    expect(connected.isConnected).toBe(true);
    expect(setConnectionState(connected, false).isConnected).toBe(false);
  });

  it('UpdateLastMessageTime advances only LastMessageTime', () => {
    const record = recordMessageReceived(peer('p'), T0 + MINUTE);
    expect([record.lastMessageTimeMs, record.lastSeenMs]).toEqual([T0 + MINUTE, T0]);
  });

  it('UpdateStorage sets the storage mode', () => {
    expect(setStorage(peer('p'), 'full').storage).toBe('full');
  });

  it('RecordCatchupError stores the text and the time, and leaves the score', () => {
    const record = recordCatchupError(peer('p'), 'block 0xdead missing', T0 + 5);
    expect([
      record.lastCatchupError,
      record.lastCatchupErrorTimeMs,
      record.reputationScore,
    ]).toEqual(['block 0xdead missing', T0 + 5, 50]);
  });

  it('a catch-up error text is kept to 1,024 characters', () => {
    const record = recordCatchupError(peer('p'), 'x'.repeat(5_000), T0);
    expect(record.lastCatchupError).toHaveLength(MAX_CATCHUP_ERROR_LENGTH);
  });
});
