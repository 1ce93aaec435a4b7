import { describe, expect, it } from '@jest/globals';
import { loadSettings } from './load-settings.js';
import { SettingsError } from './settings-error.js';

const PEER = '12D3KooWJwYWjPLsTKiZ7eMjDagWAmxJMMNjEDHgHZ5YXAhfUZgF';

describe('sync coordinator settings', () => {
  it("defaults to Teranode's: no forced peer, pruned fallback, 30 s evaluation, DataHub probe on", () => {
    expect(loadSettings({ env: {}, only: 'sync' })).toEqual({
      p2p_force_sync_peer: undefined,
      p2p_allow_pruned_node_fallback: true,
      p2p_sync_coordinator_periodic_evaluation_interval: 30_000,
      p2p_health_check_enabled: true,
    });
  });

  it.each([
    ['p2p_force_sync_peer', PEER, PEER],
    ['p2p_allow_pruned_node_fallback', 'false', false],
    ['p2p_sync_coordinator_periodic_evaluation_interval', '10s', 10_000],
    ['p2p_health_check_enabled', 'false', false],
  ] as const)('parses %s=%s', (key, text, value) => {
    expect(loadSettings({ env: { [key]: text }, only: key })).toEqual({ [key]: value });
  });

  it.each([
    ['p2p_allow_pruned_node_fallback', 'never', 'true or false (or 1/0, yes/no)'],
    [
      'p2p_sync_coordinator_periodic_evaluation_interval',
      '0',
      'a duration such as 250ms, 30s, 1m30s or 24h, greater than 0 and at most 596h31m23s647ms',
    ],
    ['p2p_health_check_enabled', 'enabled', 'true or false (or 1/0, yes/no)'],
  ] as const)('rejects %s=%s', (key, text, expected) => {
    expect(() => loadSettings({ env: { [key]: text }, only: key })).toThrow(
      new SettingsError(`invalid setting ${key}=${JSON.stringify(text)}: expected ${expected}`),
    );
  });

  it('rejects a forced sync peer that is not a libp2p peer ID', () => {
    expect(() =>
      loadSettings({ env: { p2p_force_sync_peer: 'node-7' }, only: 'p2p_force_sync_peer' }),
    ).toThrow(SettingsError);
  });
});
