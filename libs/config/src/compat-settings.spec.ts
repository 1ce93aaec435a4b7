import { describe, expect, it } from '@jest/globals';
import { compatSettings } from './compat-settings.js';
import { loadSettings } from './load-settings.js';
import { SettingsError } from './settings-error.js';
import { definitionsBySpelling } from './settings-schema.js';

const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';

function problem(env: Record<string, string>): string {
  try {
    loadSettings({ env, only: 'compat' });
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('Teranode p2p keys this node accepts but does not act on', () => {
  it('knows every p2p_ key of Teranode (reference-service.md §8, reference-wire.md §1.3/§1.4, reference-peer-registry.md §7.4)', () => {
    const teranodeKeys = [
      'p2p_listen_addresses',
      'p2p_advertise_addresses',
      'p2p_port',
      'p2p_share_private_addresses',
      'p2p_bootstrapAddresses',
      'p2p_static_peers',
      'p2p_relay_peers',
      'p2p_peer_cache_dir',
      'p2p_private_key',
      'p2p_peer_id',
      'p2p_block_topic',
      'p2p_subtree_topic',
      'p2p_rejected_tx_topic',
      'p2p_node_status_topic',
      'p2p_grpcListenAddress',
      'p2p_grpcAddress',
      'p2p_httpListenAddress',
      'p2p_httpAddress',
      'p2p_ban_threshold',
      'p2p_ban_duration',
      'p2p_force_sync_peer',
      'p2p_health_check_interval',
      'p2p_health_http_timeout',
      'p2p_health_remove_after_failures',
      'p2p_bestblock_topic',
      'p2p_handshake_topic',
      'p2p_mining_on_topic',
      'p2p_bootstrap_persistent',
      'p2p_dht_use_private',
      'p2p_dht_protocol_id',
      'p2p_shared_key',
      'p2p_enable_nat_service',
      'p2p_enable_hole_punching',
      'p2p_enable_relay',
      'p2p_enable_nat_port_map',
      'p2p_optimise_retries',
      'p2p_sync_stuck_retry_threshold',
      'p2p_port_coinbase',
      // new since v0.11 (reference-peer-registry.md §7.4)
      'p2p_bootstrap_peers',
      'p2p_dht_mode',
      'p2p_dht_cleanup_interval',
      'p2p_enable_nat',
      'p2p_enable_mdns',
      'p2p_allow_private_ips',
      'p2p_allow_pruned_node_fallback',
      'p2p_sync_coordinator_periodic_evaluation_interval',
      'p2p_health_check_enabled',
      'p2p_peer_map_max_size',
      'p2p_peer_map_ttl',
      'p2p_peer_map_cleanup_interval',
      'p2p_peer_registry_max_size',
      'p2p_peer_registry_ttl',
      'p2p_peer_registry_cleanup_interval',
      'asset_propagation_public_url',
      'asset_propagationPublicURL',
      'asset_peerMinerReputationThreshold',
    ];
    expect(teranodeKeys.filter((key) => !definitionsBySpelling.has(key))).toEqual([]);
  });

  it("defaults to Teranode's values", () => {
    expect(loadSettings({ env: {}, only: 'compat' })).toEqual({
      p2p_share_private_addresses: true,
      p2p_relay_peers: [],
      p2p_peer_cache_dir: undefined,
      p2p_peer_id: undefined,
      p2p_httpAddress: { host: 'localhost', port: 9906 },
      p2p_health_check_interval: 30_000,
      p2p_health_http_timeout: 5_000,
      p2p_health_remove_after_failures: 3,
      p2p_bestblock_topic: 'bestblock',
      p2p_enable_nat: false,
      p2p_enable_mdns: false,
      asset_peerMinerReputationThreshold: 50,
      p2p_enable_nat_service: true,
      p2p_enable_nat_port_map: true,
      p2p_enable_hole_punching: true,
      p2p_enable_relay: true,
      p2p_optimise_retries: false,
      p2p_sync_stuck_retry_threshold: undefined,
      p2p_port_coinbase: undefined,
    });
  });

  it('says of each that this node does not act on it', () => {
    for (const definition of Object.values(compatSettings)) {
      expect([definition.key, definition.meaning]).toEqual([
        definition.key,
        expect.stringContaining('accepted for Teranode settings.conf compatibility: '),
      ]);
    }
  });

  it.each([
    ['p2p_share_private_addresses', 'false', false],
    [
      'p2p_relay_peers',
      `/dns4/relay.example.com/tcp/4001/p2p/${PEER}`,
      [`/dns4/relay.example.com/tcp/4001/p2p/${PEER}`],
    ],
    ['p2p_peer_cache_dir', './data/teranode1', './data/teranode1'],
    ['p2p_peer_id', PEER, PEER],
    ['p2p_httpAddress', 'teranode1:19906', { host: 'teranode1', port: 19906 }],
    ['p2p_health_check_interval', '0', 0],
    ['p2p_health_http_timeout', '2s', 2_000],
    ['p2p_health_remove_after_failures', '0', 0],
    ['p2p_bestblock_topic', 'bestblock', 'bestblock'],
    ['p2p_enable_nat', 'true', true],
    ['p2p_enable_mdns', 'true', true],
    ['asset_peerMinerReputationThreshold', '62.5', 62.5],
    ['p2p_enable_nat_service', 'false', false],
    ['p2p_enable_nat_port_map', 'false', false],
    ['p2p_enable_hole_punching', 'false', false],
    ['p2p_enable_relay', 'false', false],
    ['p2p_optimise_retries', 'true', true],
    ['p2p_sync_stuck_retry_threshold', '5', '5'],
    ['p2p_port_coinbase', '9906', 9906],
  ] as const)('parses %s=%s', (key, text, value) => {
    expect(loadSettings({ env: { [key]: text }, only: key })).toEqual({ [key]: value });
  });

  it.each([
    ['p2p_share_private_addresses', 'maybe', 'true or false (or 1/0, yes/no)'],
    [
      'p2p_relay_peers',
      '/ip4/10.0.0.1/tcp/4001',
      'entries separated by | or , each a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>/p2p/<peer ID>; entry 1 "/ip4/10.0.0.1/tcp/4001" is not',
    ],
    [
      'p2p_peer_id',
      '12D3KooWnotapeerid',
      'a libp2p peer ID such as 12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
    ],
    [
      'p2p_httpAddress',
      'localhost',
      'an address host:port, such as localhost:9904, 10.0.0.5:9904 or [::1]:9904',
    ],
    [
      'p2p_health_check_interval',
      '30',
      'a duration such as 250ms, 30s, 1m30s or 24h, at most 596h31m23s647ms',
    ],
    [
      'p2p_health_http_timeout',
      '0',
      'a duration such as 250ms, 30s, 1m30s or 24h, greater than 0 and at most 596h31m23s647ms',
    ],
    ['p2p_health_remove_after_failures', '-1', 'a whole number of at least 0'],
    [
      'p2p_bestblock_topic',
      'best block',
      "a topic name of letters, digits, '.', '_' or '-' (at most 64), such as block",
    ],
    ['p2p_enable_nat', 'on', 'true or false (or 1/0, yes/no)'],
    ['p2p_enable_mdns', 'off', 'true or false (or 1/0, yes/no)'],
    [
      'asset_peerMinerReputationThreshold',
      '101',
      'a decimal number from 0 to 100, such as 50 or 50.5',
    ],
    ['p2p_enable_nat_service', 'on', 'true or false (or 1/0, yes/no)'],
    ['p2p_enable_nat_port_map', 'enabled', 'true or false (or 1/0, yes/no)'],
    ['p2p_enable_hole_punching', '2', 'true or false (or 1/0, yes/no)'],
    ['p2p_enable_relay', 't', 'true or false (or 1/0, yes/no)'],
    ['p2p_optimise_retries', 'sometimes', 'true or false (or 1/0, yes/no)'],
    ['p2p_port_coinbase', '70000', 'a TCP port from 1 to 65535'],
  ])('rejects %s=%s', (key, text, expected) => {
    expect(problem({ [key]: text })).toBe(
      `invalid setting ${key}=${JSON.stringify(text)}: expected ${expected}`,
    );
  });
});
