import { describe, expect, it } from '@jest/globals';
import { describeSettings, redactedSettings } from './describe-settings.js';
import { loadSettings } from './load-settings.js';
import { settingDefinitions } from './settings-schema.js';

const PRIVATE_KEY =
  'c8a1b91ae120878d91a04c904e0d565aa44b2575c1bb30a729bd3e36e2a1d5e6067216fa92b1a1a7e30d0aaabe288e25f1efc0830f309152638b61d84be6b71d';
const SHARED_KEY = '285b49e6d910726a70f205086c39cbac6d8dcc47839053a21b1f614773bbc137';

describe('describeSettings', () => {
  const table = describeSettings();
  const lines = table.trimEnd().split('\n');

  it('is a markdown table with one row per setting', () => {
    expect(lines[0]).toBe('| key | type | default | meaning |');
    expect(lines[1]).toBe('|---|---|---|---|');
    expect(lines).toHaveLength(2 + settingDefinitions.length);
    for (const line of lines.slice(2)) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(6);
    }
  });

  it('shows key, type, default and meaning', () => {
    expect(lines).toContain(
      '| `p2p_port` | port | `9905` | p2p: The TCP port libp2p listens on, and the port of listen/advertise entries that name none. |',
    );
    expect(lines).toContain(
      '| `p2p_ban_duration` | duration | `24h` | ban: How long a peer banned for its score stays banned. |',
    );
    expect(lines).toContain(
      '| `p2p_grpc_listen_address` (also `p2p_grpcListenAddress`) | listen host:port | `:9904` | services: Where gossip-node serves the Teranode-compatible p2p_api.PeerService gRPC API. |',
    );
  });

  it('says what an unset optional setting means, and marks empty defaults', () => {
    const database = lines.find((line) => line.startsWith('| `DATABASE_URL` |'));
    expect(database).toContain('| unset: an embedded PGlite database in data_dir is used |');
    const peers = lines.find((line) => line.startsWith('| `p2p_static_peers` |'));
    expect(peers).toContain('| list of multiaddr | (empty) |');
  });

  it('escapes | inside cells', () => {
    const row = describeSettings([
      { ...settingDefinitions[0]!, key: 'x', meaning: 'a | b.' },
    ]).split('\n')[2];
    expect(row).toContain('| node: a \\| b. |');
  });
});

describe('redactedSettings', () => {
  const settings = loadSettings({
    env: {
      p2p_private_key: PRIVATE_KEY,
      p2p_shared_key: SHARED_KEY,
      grpc_admin_api_key: 'hunter2-admin',
      DATABASE_URL: 'postgres://p2p:hunter2@db:5432/p2p',
      p2p_static_peers: '/ip4/10.0.0.2/tcp/9905|/ip4/10.0.0.3/tcp/9905',
    },
  });
  const shown = redactedSettings(settings);

  it('masks every secret', () => {
    expect(shown.p2p_private_key).toBe('<128 hex chars, redacted>');
    expect(shown.p2p_shared_key).toBe('<64 hex chars, redacted>');
    expect(shown.grpc_admin_api_key).toBe('<13 chars, redacted>');
    expect(shown.DATABASE_URL).toBe('postgres://p2p:***@db:5432/p2p');
    const dump = JSON.stringify(shown);
    expect(dump).not.toContain(PRIVATE_KEY.slice(0, 16));
    expect(dump).not.toContain(SHARED_KEY.slice(0, 16));
    expect(dump).not.toContain('hunter2');
  });

  it('shows other values in their setting form, and unset ones as null', () => {
    expect(shown.p2p_port).toBe('9905');
    expect(shown.p2p_ban_duration).toBe('24h');
    expect(shown.p2p_grpc_listen_address).toBe(':9904');
    expect(shown.p2p_static_peers).toBe('/ip4/10.0.0.2/tcp/9905|/ip4/10.0.0.3/tcp/9905');
    expect(shown.KAFKA_BROKERS).toBeNull();
    expect(Object.keys(shown)).toHaveLength(settingDefinitions.length);
  });

  it('works on a subset', () => {
    expect(redactedSettings(loadSettings({ env: {}, only: 'security' }))).toEqual({
      securityLevelHTTP: '0',
      security_level_grpc: '0',
      server_certFile: null,
      server_keyFile: null,
      grpc_admin_api_key: null,
    });
  });
});
