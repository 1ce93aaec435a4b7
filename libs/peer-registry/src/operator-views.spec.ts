import { describe, expect, it } from '@jest/globals';
import { peer, syncPeer, T0 } from '../test/support/peer-fixture.js';
import { updateMetrics } from './interaction-metrics.js';
import { peerRegistryView, reputationBand, syncPeerView } from './operator-views.js';
import { toPeerRegistryInfo, toSyncPeerAnswer } from './peer-api-views.js';
import { rankingKey } from './sync-candidate-order.js';
import { selectSyncPeer } from './sync-peer-selection.js';

const view = (fields: Parameters<typeof peer>[1], syncPeerId = '') =>
  peerRegistryView(toPeerRegistryInfo(peer('12D3KooWpeer', fields)), syncPeerId);

describe('reputationBand (Teranode thresholds §3.3)', () => {
  it.each([
    [50, 0, false, 'ok'],
    [40, 0, false, 'ok'],
    [39.99, 0, true, 'unhealthy'],
    [20, 0, true, 'unhealthy'],
    [19.99, 0, true, 'not-for-sync'],
    [5, 0, true, 'not-for-sync'],
    [5, 1, true, 'malicious'],
    [90, 0, true, 'unhealthy'],
  ] as const)('reputation %d, malicious %d, unhealthy %s → %s', (score, malicious, bad, band) => {
    expect(reputationBand(score, malicious, bad)).toBe(band);
  });
});

describe('peerRegistryView', () => {
  it('carries every PeerRegistryInfo field, counters as numbers, and what they mean', () => {
    const record = updateMetrics(
      peer('12D3KooWpeer', {
        clientName: 'teranode-1',
        height: 812,
        dataHubUrl: 'https://hub.example/api/v1',
        storage: 'full',
        bytesReceived: 1500,
        lastCatchupError: 'header 12 did not connect',
        lastCatchupErrorTimeMs: T0,
      }),
      { recordSuccess: true, responseTimeMs: 150 },
      T0,
    );
    const info = toPeerRegistryInfo(record);
    const shown = peerRegistryView(info, '12D3KooWpeer');
    expect(Object.keys(shown)).toEqual(expect.arrayContaining(Object.keys(info)));
    expect(shown).toMatchObject({
      id: '12D3KooWpeer',
      client_name: 'teranode-1',
      data_hub_url: 'https://hub.example/api/v1',
      storage: 'full',
      reputation_score: 100,
      band: 'ok',
      unhealthy_reason: '',
      success_rate: 1,
      interaction_attempts: 1,
      avg_response_time_ms: 150,
      bytes_received: 1500,
      is_sync_peer: true,
      last_catchup_error: 'header 12 did not connect',
      last_catchup_error_time: T0 / 1000,
      last_interaction_attempt: T0 / 1000,
      last_block_time: 0,
    });
  });

  it('a success rate below half over more than 10 interactions is unhealthy at reputation 42', () => {
    const shown = view({
      reputationScore: 42,
      interactionSuccesses: 4,
      interactionFailures: 8,
      interactionAttempts: 12,
    });
    expect(shown).toMatchObject({
      band: 'unhealthy',
      unhealthy_reason: 'low success rate: 33.33%',
      success_rate: 4 / 12,
    });
  });

  it('no interactions: no success rate; not the sync peer unless named', () => {
    expect(view({})).toMatchObject({ success_rate: null, is_sync_peer: false, band: 'ok' });
    expect(view({}, 'someone-else').is_sync_peer).toBe(false);
  });

  it('a single failure scores 5 but is not malicious; a malicious record is', () => {
    const failed = view({ reputationScore: 5, interactionFailures: 1 });
    expect(failed.band).toBe('not-for-sync');
    expect(view({ reputationScore: 5, maliciousCount: 1 }).band).toBe('malicious');
  });
});

describe('rankingKey', () => {
  const a = { id: 'a', reputationScore: 90, avgResponseTimeMs: 100, banScore: 0, height: 500 };
  it.each([
    [{ reputationScore: 80 }, 'full', 'reputation', 'reputation 80.00 < 90.00'],
    [{ avgResponseTimeMs: 0 }, 'full', 'response-time-measured', 'response time not measured yet'],
    [{ avgResponseTimeMs: 300 }, 'full', 'response-time', 'response time 300 ms > 100 ms'],
    [{ banScore: 10 }, 'full', 'ban-score', 'ban score 10 > 0'],
    [{ height: 400 }, 'full', 'height', 'height 400 < 500 (full nodes: highest first)'],
    [{ height: 600 }, 'pruned', 'height', 'height 600 > 500 (pruned nodes: lowest first)'],
    [{ id: 'b' }, 'full', 'peer-id', 'all else equal: peer ID order'],
  ] as const)('%j behind in the %s phase: %s', (fields, phase, key, explanation) => {
    expect(rankingKey(a, { ...a, ...fields }, phase)).toEqual({ key, explanation });
  });

  it('is undefined when the second would go first', () => {
    expect(rankingKey({ ...a, reputationScore: 10 }, a, 'full')).toBeUndefined();
  });
});

describe('syncPeerView', () => {
  it('explains each candidate of a real selection by the key that put it behind the one above', () => {
    const selection = selectSyncPeer(
      [
        syncPeer('fast', 500, 'full', 90, { avgResponseTimeMs: 100 }),
        syncPeer('slow', 500, 'full', 90, { avgResponseTimeMs: 900 }),
        syncPeer('trusted', 400, 'full', 100),
        syncPeer('listener', 500, 'full', 50, { dataHubUrl: '' }),
      ],
      { localHeight: 10, nowMs: T0, cooldownMs: 60_000, allowPrunedFallback: true },
    );
    const answer = toSyncPeerAnswer(selection.peerId, {
      atMs: T0,
      cause: 'monitor',
      localHeight: 10,
      selection,
    });
    const shown = syncPeerView(answer);
    expect(shown.selected_at_ms).toBe(T0);
    expect(shown.candidates.map((c) => [c.peer_id, c.ranked_by])).toEqual([
      ['trusted', 'best full candidate'],
      ['fast', 'reputation 90.00 < 100.00'],
      ['slow', 'response time 900 ms > 100 ms'],
    ]);
    expect(shown.excluded).toEqual([
      {
        peer_id: 'listener',
        why: 'no-datahub-url',
        detail: 'no DataHub URL (a listen-only or silent node)',
      },
    ]);
  });

  it('a forced candidate says so; no selection yet is selected_at_ms 0', () => {
    const shown = syncPeerView({
      sync_peer: '',
      selected_at_ms: '0',
      cause: '',
      local_height: 0,
      outcome: 'forced',
      chosen: 'x',
      rotated_past_previous_peer: false,
      candidates: [
        {
          peer_id: 'x',
          phase: 'forced',
          rank: 1,
          reputation_score: 0,
          avg_response_time_ms: 0,
          ban_score: 0,
          height: 1,
        },
      ],
      excluded: [],
    });
    expect(shown.selected_at_ms).toBe(0);
    expect(shown.candidates[0]!.ranked_by).toBe('forced by p2p_force_sync_peer');
  });
});
