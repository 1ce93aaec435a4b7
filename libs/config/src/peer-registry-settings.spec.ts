import { describe, expect, it } from '@jest/globals';
import { loadSettings } from './load-settings.js';
import { SettingsError } from './settings-error.js';

describe('peer registry limits (read by ban-service, unlike Teranode)', () => {
  it('defaults to 10,000 peers, a 24 h idle limit and an hourly cleanup', () => {
    expect(loadSettings({ env: {}, only: 'p2p' })).toMatchObject({
      p2p_peer_registry_max_size: 10_000,
      p2p_peer_registry_ttl: 86_400_000,
      p2p_peer_registry_cleanup_interval: 3_600_000,
    });
  });

  it.each([
    ['p2p_peer_registry_max_size', '0', 0],
    ['p2p_peer_registry_ttl', '12h', 43_200_000],
    ['p2p_peer_registry_cleanup_interval', '0', 0],
  ] as const)('parses %s=%s', (key, text, value) => {
    expect(loadSettings({ env: { [key]: text }, only: key })).toEqual({ [key]: value });
  });

  it.each([
    ['p2p_peer_registry_max_size', '-1', 'a whole number of at least 0'],
    ['p2p_peer_registry_ttl', '1d', 'a duration such as 250ms, 30s, 1m30s or 24h, greater than 0'],
    [
      'p2p_peer_registry_cleanup_interval',
      '60',
      'a duration such as 250ms, 30s, 1m30s or 24h, at most 596h31m23s647ms',
    ],
  ] as const)('rejects %s=%s', (key, text, expected) => {
    expect(() => loadSettings({ env: { [key]: text }, only: key })).toThrow(
      new SettingsError(`invalid setting ${key}=${JSON.stringify(text)}: expected ${expected}`),
    );
  });
});
