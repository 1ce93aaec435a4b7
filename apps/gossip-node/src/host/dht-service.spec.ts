import { describe, expect, it } from '@jest/globals';
import { dhtModeOf, dhtService, type DhtSettings } from './dht-service.js';

const SETTINGS: DhtSettings = {
  listen_mode: 'full',
  p2p_dht_mode: 'server',
  p2p_dht_cleanup_interval: 86_400_000,
  p2p_dht_use_private: true,
  p2p_dht_protocol_id: '/teranode',
};

describe('DHT mode', () => {
  it.each([
    ['full', 'server', 'server'],
    ['full', 'client', 'client'],
    ['listen_only', 'client', 'client'],
    ['full', 'off', 'off'],
    ['silent', 'server', 'off'],
    ['silent', 'client', 'off'],
  ] as const)('listen_mode %s with p2p_dht_mode %s runs %s', (listenMode, mode, expected) => {
    const settings = { ...SETTINGS, listen_mode: listenMode, p2p_dht_mode: mode };
    expect(dhtModeOf(settings)).toBe(expected);
    expect(dhtService(settings) === undefined).toBe(expected === 'off');
  });
});
