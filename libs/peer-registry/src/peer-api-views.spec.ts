import { describe, expect, it } from '@jest/globals';
import { peer, T0 } from '../test/support/peer-fixture.js';
import { toPeerInfoForCatchup, toPeerRegistryInfo } from './peer-api-views.js';

describe('p2p_api views of a record (peerInfoToP2PProto)', () => {
  it('maps every field, times in Unix seconds, a never-set time as 0 and no hash as ""', () => {
    const record = peer('p', {
      height: 10,
      dataHubUrl: 'https://p.example',
      banScore: 20,
      interactionSuccesses: 4,
      interactionFailures: 8,
      interactionAttempts: 12,
      lastInteractionFailureMs: T0 + 1999,
      avgResponseTimeMs: 150.6,
      storage: 'full',
      lastBlockTimeMs: undefined,
    });
    expect(toPeerRegistryInfo(record)).toMatchObject({
      id: 'p',
      height: 10,
      block_hash: '',
      ban_score: 20,
      connected_at: String(T0 / 1000),
      last_block_time: '0',
      last_interaction_failure: String(T0 / 1000 + 1),
      interaction_attempts: '12',
      avg_response_time_ms: '151',
      reputation_score: 50,
      storage: 'full',
    });
    expect(toPeerInfoForCatchup(record)).toEqual({
      id: 'p',
      height: 10,
      block_hash: '',
      data_hub_url: 'https://p.example',
      catchup_reputation_score: 50,
      catchup_attempts: '12',
      catchup_successes: '4',
      catchup_failures: '8',
    });
  });
});
