import { describe, expect, it } from '@jest/globals';
import { peer_registry } from '@teranode-p2p/contracts';
import { HOUR, peer, T0 } from '../test/support/peer-fixture.js';
import { peerRecordOf, toPeerRecordMessage } from './peer-record-message.js';

describe('peer record on the wire (ban-service → gossip-node)', () => {
  it('carries every field through the protobuf bytes and back', () => {
    const record = peer('12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF', {
      transport: 'wire',
      clientName: 'teranode/v0.12',
      height: 912_000,
      blockHash: 'ab'.repeat(32),
      dataHubUrl: 'https://a.example/api/v1',
      networkAddress: '/ip4/203.0.113.5/tcp/9905',
      storage: 'pruned',
      isBanned: true,
      banScore: 120,
      banUntilMs: T0 + HOUR,
      bytesSent: 2 ** 40,
      bytesReceived: Number.MAX_SAFE_INTEGER,
      interactionAttempts: 12,
      interactionSuccesses: 4,
      interactionFailures: 8,
      maliciousCount: 1,
      lastInteractionAttemptMs: T0 + 1,
      lastInteractionSuccessMs: T0 + 2,
      lastInteractionFailureMs: T0 + 3,
      reputationScore: 42.5,
      avgResponseTimeMs: 123.25,
      isConnected: true,
      lastBlockTimeMs: T0 + 4,
      blocksReceived: 5,
      subtreesReceived: 6,
      transactionsReceived: 7,
      catchupBlocks: 8,
      lastSyncAttemptMs: T0 + 5,
      syncAttemptCount: 9,
      lastReputationResetMs: T0 + 6,
      reputationResetCount: 2,
      lastCatchupError: 'header 12 did not connect',
      lastCatchupErrorTimeMs: T0 + 7,
    });
    const bytes = peer_registry.PeerRecord.encode(toPeerRecordMessage(record)).finish();
    expect(peerRecordOf(peer_registry.PeerRecord.decode(bytes))).toEqual(record);
  });

  it('reads a never-set time (0) as undefined and an empty hash as none', () => {
    const record = peer('p', { lastSyncAttemptMs: undefined, blockHash: undefined });
    const message = toPeerRecordMessage(record);
    expect(message.last_sync_attempt).toBe('0');
    expect(message.block_hash).toBe('');
    expect(peerRecordOf(message)).toEqual(record);
  });
});
