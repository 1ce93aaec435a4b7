import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from './load-settings.js';
import type { Network } from './node-settings.js';
import { SettingsError } from './settings-error.js';
import { settingGroups } from './settings-schema.js';

const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
const PRIVATE_KEY =
  'c8a1b91ae120878d91a04c904e0d565aa44b2575c1bb30a729bd3e36e2a1d5e6067216fa92b1a1a7e30d0aaabe288e25f1efc0830f309152638b61d84be6b71d';
const SHARED_KEY = '285b49e6d910726a70f205086c39cbac6d8dcc47839053a21b1f614773bbc137';

/** The SettingsError that loading with `env` throws. */
function settingsError(
  env: Record<string, string>,
  extra: { file?: string; context?: string } = {},
): SettingsError {
  try {
    loadSettings({ env, ...extra });
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('loadSettings did not throw');
}

let dir: string;
let fileCount = 0;

function settingsFile(text: string): string {
  const path = join(dir, `settings-${++fileCount}.conf`);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'config-spec-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('defaults', () => {
  const settings = loadSettings({ env: {} });

  it('gives every setting its declared default', () => {
    expect(settings.network).toBe('mainnet');
    expect(settings.listen_mode).toBe('full');
    expect(settings.clientName).toBe('teranode');
    expect(settings.p2p_port).toBe(9905);
    expect(settings.p2p_listen_addresses).toEqual([]);
    expect(settings.p2p_static_peers).toEqual([]);
    expect(settings.p2p_dht_protocol_id).toBe('/teranode');
    expect(settings.p2p_message_envelope).toBe(true);
    expect(settings.p2p_max_message_size).toBe(1_048_576);
    expect(settings.p2p_allow_private_ips).toBe(false);
    expect(settings.p2p_ban_threshold).toBe(100);
    expect(settings.p2p_ban_duration).toBe(86_400_000);
    expect(settings.p2p_ban_decay_interval).toBe(60_000);
    expect(settings.p2p_peer_map_ttl).toBe(1_800_000);
    expect(settings.p2p_grpc_listen_address).toEqual({ host: '', port: 9904 });
    expect(settings.p2p_grpc_address).toEqual({ host: 'localhost', port: 9904 });
    expect(settings.grpc_retry_backoff).toBe(250);
    expect(settings.KAFKA_BLOCKS).toBe('blocks');
    expect(settings.KAFKA_INVALID_SUBTREES).toBe('invalid-subtrees');
    expect(settings.KAFKA_P2P_EVENTS).toBe('p2p.events');
    expect(settings.KAFKA_BAN_EVENTS).toBe('p2p.ban-events');
    expect(settings.KAFKA_DLQ).toBe('p2p.dlq');
    expect(settings.ws_ping_interval).toBe(10_000);
    expect(settings.maxscriptsizepolicy).toBe(500_000);
    expect(settings.maxtxsizepolicy).toBe(10_485_760);
    expect(settings.maxtxsigopscountspolicy).toBe(0);
  });

  it('leaves optional settings undefined (embedded database, in-process bus, no keys)', () => {
    expect(settings.DATABASE_URL).toBeUndefined();
    expect(settings.KAFKA_BROKERS).toBeUndefined();
    expect(settings.p2p_private_key).toBeUndefined();
    expect(settings.p2p_shared_key).toBeUndefined();
    expect(settings.grpc_admin_api_key).toBeUndefined();
    // node_status then carries no fee (unknown) and the DataHub URL as propagation_url
    expect(settings.minminingtxfee).toBeUndefined();
    expect(settings.asset_propagation_public_url).toBeUndefined();
  });

  it('is frozen, including lists and addresses', () => {
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.p2p_static_peers)).toBe(true);
    expect(Object.isFrozen(settings.p2p_grpc_listen_address)).toBe(true);
    expect(Reflect.set(settings, 'p2p_port', 1)).toBe(false);
  });

  it('has the types the schema declares', () => {
    const port: number = settings.p2p_port;
    const peers: readonly string[] = settings.p2p_static_peers;
    const network: Network = settings.network;
    const brokers: readonly string[] | undefined = settings.KAFKA_BROKERS;
    const envelope: boolean = settings.p2p_message_envelope;
    // @ts-expect-error a number is not a string
    const wrong: string = settings.p2p_port;
    // @ts-expect-error no such setting
    void settings.p2p_prot;
    expect([port, peers, network, brokers, envelope, wrong]).toHaveLength(6);
  });
});

describe('values from the environment', () => {
  it('parses each kind', () => {
    const settings = loadSettings({
      env: {
        network: 'teratestnet',
        listen_mode: 'listen_only',
        p2p_port: '19905',
        p2p_static_peers: `/dns4/teranode2/tcp/9905/p2p/${PEER} | /ip4/10.0.0.3/tcp/9905`,
        p2p_listen_addresses: '0.0.0.0,[::]:9906',
        p2p_dht_use_private: 'YES',
        p2p_ban_duration: '1h30m',
        p2p_private_key: PRIVATE_KEY.toUpperCase(),
        p2p_shared_key: SHARED_KEY,
        KAFKA_BROKERS: 'kafka-0:9092|kafka-1:9092',
        DATABASE_URL: 'postgres://p2p:secret@db:5432/p2p',
        ban_service_grpc_address: '[::1]:9907',
        log_level: 'DEBUG',
        ws_allowed_origins: 'https://dashboard.example.com, http://localhost:3000',
        minminingtxfee: '0.00000001',
        maxtxsigopscountspolicy: '4294967295',
        asset_propagation_public_url: 'https://tx.example.com',
      },
    });
    expect(settings.network).toBe('teratestnet');
    expect(settings.listen_mode).toBe('listen_only');
    expect(settings.p2p_port).toBe(19905);
    expect(settings.p2p_static_peers).toEqual([
      `/dns4/teranode2/tcp/9905/p2p/${PEER}`,
      '/ip4/10.0.0.3/tcp/9905',
    ]);
    expect(settings.p2p_listen_addresses).toEqual([
      { hostProtocol: 'ip4', host: '0.0.0.0', port: undefined },
      { hostProtocol: 'ip6', host: '::', port: 9906 },
    ]);
    expect(settings.p2p_dht_use_private).toBe(true);
    expect(settings.p2p_ban_duration).toBe(5_400_000);
    expect(settings.p2p_private_key).toBe(PRIVATE_KEY);
    expect(settings.p2p_shared_key).toBe(SHARED_KEY);
    expect(settings.KAFKA_BROKERS).toEqual(['kafka-0:9092', 'kafka-1:9092']);
    expect(settings.DATABASE_URL).toBe('postgres://p2p:secret@db:5432/p2p');
    expect(settings.ban_service_grpc_address).toEqual({ host: '::1', port: 9907 });
    expect(settings.log_level).toBe('debug');
    expect(settings.ws_allowed_origins).toEqual([
      'https://dashboard.example.com',
      'http://localhost:3000',
    ]);
    expect(settings.minminingtxfee).toBe(0.00000001);
    expect(settings.maxtxsigopscountspolicy).toBe(4_294_967_295);
    expect(settings.asset_propagation_public_url).toBe('https://tx.example.com');
  });

  it('trims values and treats an empty one as unset', () => {
    const settings = loadSettings({
      env: { p2p_port: ' 9000 ', KAFKA_BROKERS: '', network: '  ' },
    });
    expect(settings.p2p_port).toBe(9000);
    expect(settings.KAFKA_BROKERS).toBeUndefined();
    expect(settings.network).toBe('mainnet');
  });

  it('ignores unknown environment variables', () => {
    expect(loadSettings({ env: { p2p_prot: 'x', PATH: '/usr/bin' } }).p2p_port).toBe(9905);
  });
});

describe('bad values stop startup with one line naming key, value and expectation', () => {
  it.each([
    [
      'unparsable duration',
      { p2p_ban_duration: '1 day' },
      'invalid setting p2p_ban_duration="1 day": expected a duration such as 250ms, 30s, 1m30s or 24h, greater than 0',
    ],
    [
      'duration without unit',
      { p2p_peer_map_ttl: '30' },
      'invalid setting p2p_peer_map_ttl="30": expected a duration such as 250ms, 30s, 1m30s or 24h, greater than 0',
    ],
    [
      'port out of range',
      { p2p_port: '70000' },
      'invalid setting p2p_port="70000": expected a TCP port from 1 to 65535',
    ],
    [
      'port zero',
      { p2p_port: '0' },
      'invalid setting p2p_port="0": expected a TCP port from 1 to 65535',
    ],
    [
      'port out of range in a listen address',
      { p2p_grpc_listen_address: ':99999' },
      'invalid setting p2p_grpc_listen_address=":99999": expected a listen address host:port or :port, such as :9904, 0.0.0.0:9904 or [::1]:9904',
    ],
    [
      'malformed multiaddr',
      { p2p_static_peers: '/ip4/10.0.0.2/tcp/9905|/ip4/10.0.0.3/tcp' },
      'invalid setting p2p_static_peers="/ip4/10.0.0.2/tcp/9905|/ip4/10.0.0.3/tcp": expected entries separated by | or , each a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port> with an optional /p2p/<peer ID>; entry 2 "/ip4/10.0.0.3/tcp" is not',
    ],
    [
      'bootstrap multiaddr without peer ID',
      { p2p_bootstrap_addresses: '/dns4/teranode-bootstrap.bsvb.tech/tcp/9901' },
      'invalid setting p2p_bootstrap_addresses="/dns4/teranode-bootstrap.bsvb.tech/tcp/9901": expected entries separated by | or , each a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>/p2p/<peer ID> or /dnsaddr/<domain> with an optional /p2p/<peer ID>; entry 1 "/dns4/teranode-bootstrap.bsvb.tech/tcp/9901" is not',
    ],
    [
      'advertise address that is the any-address',
      { p2p_advertise_addresses: '0.0.0.0' },
      'invalid setting p2p_advertise_addresses="0.0.0.0": expected entries separated by | or , each a host name or IP with an optional port (node.example.com, 203.0.113.1:9905, [2001:db8::1]:9905) or a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>, not the any-address 0.0.0.0 or ::; entry 1 "0.0.0.0" is not',
    ],
    [
      'private key of the wrong length',
      { p2p_private_key: PRIVATE_KEY.slice(0, 64) },
      'invalid setting p2p_private_key=<64 hex chars, redacted>: expected 64 or 96 bytes as hex (128 or 192 hex digits); a 96-byte key must repeat its public key (bytes 33-64 equal to bytes 65-96)',
    ],
    [
      'private key that is not hex',
      { p2p_private_key: `${PRIVATE_KEY.slice(0, 126)}zz` },
      'invalid setting p2p_private_key=<128 chars, redacted>: expected 64 or 96 bytes as hex (128 or 192 hex digits); a 96-byte key must repeat its public key (bytes 33-64 equal to bytes 65-96)',
    ],
    [
      'shared key of the wrong length',
      { p2p_shared_key: `${SHARED_KEY}00` },
      'invalid setting p2p_shared_key=<66 hex chars, redacted>: expected 32 bytes as hex (64 hex digits)',
    ],
    [
      'unknown network',
      { network: 'mainet' },
      'invalid setting network="mainet": expected one of mainnet, testnet, regtest, stn, teratestnet, tstn',
    ],
    [
      'negative threshold',
      { p2p_ban_threshold: '-5' },
      'invalid setting p2p_ban_threshold="-5": expected a whole number of at least 1',
    ],
    [
      'negative count',
      { p2p_conn_low_water: '-1' },
      'invalid setting p2p_conn_low_water="-1": expected a whole number of at least 0',
    ],
    [
      'unknown DHT mode',
      { p2p_dht_mode: 'auto' },
      'invalid setting p2p_dht_mode="auto": expected one of server, client, off',
    ],
    [
      'DHT cleanup interval of 0',
      { p2p_dht_cleanup_interval: '0' },
      'invalid setting p2p_dht_cleanup_interval="0": expected a duration such as 250ms, 30s, 1m30s or 24h, greater than 0 and at most 596h31m23s647ms',
    ],
    [
      'bootstrap peer under its Teranode name, a /dnsaddr/ with a port',
      { p2p_bootstrap_peers: '/dnsaddr/bootstrap.example.com/tcp/9905' },
      'invalid setting p2p_bootstrap_peers="/dnsaddr/bootstrap.example.com/tcp/9905": expected entries separated by | or , each a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>/p2p/<peer ID> or /dnsaddr/<domain> with an optional /p2p/<peer ID>; entry 1 "/dnsaddr/bootstrap.example.com/tcp/9905" is not',
    ],
    [
      'gRPC resolver prefix on a listen address',
      { p2p_grpc_listen_address: 'dns:///:9904' },
      'invalid setting p2p_grpc_listen_address="dns:///:9904": expected a listen address host:port or :port, such as :9904, 0.0.0.0:9904 or [::1]:9904',
    ],
    [
      'unknown listen mode',
      { listen_mode: 'listen-only' },
      'invalid setting listen_mode="listen-only": expected one of full, listen_only, silent',
    ],
    [
      'bad boolean',
      { p2p_message_envelope: 'on' },
      'invalid setting p2p_message_envelope="on": expected true or false (or 1/0, yes/no)',
    ],
    [
      'broker without port',
      { KAFKA_BROKERS: 'kafka-0:9092,kafka-1' },
      'invalid setting KAFKA_BROKERS="kafka-0:9092,kafka-1": expected entries separated by | or , each a Kafka broker host:port, such as localhost:9092; entry 2 "kafka-1" is not',
    ],
    [
      'database URL of another scheme, password masked',
      { DATABASE_URL: 'mysql://p2p:hunter2@db:3306/p2p' },
      'invalid setting DATABASE_URL="mysql://p2p:***@db:3306/p2p": expected a postgres:// or postgresql:// URL such as postgres://user:password@localhost:5432/p2p',
    ],
    [
      'bad URL',
      { asset_httpPublicAddress: 'node1.example.com/api/v1' },
      'invalid setting asset_httpPublicAddress="node1.example.com/api/v1": expected an http or https URL such as http://localhost:8090/api/v1',
    ],
    [
      'negative fee',
      { minminingtxfee: '-0.00001' },
      'invalid setting minminingtxfee="-0.00001": expected a decimal number from 0 to 21000000, such as 0.000005 or 0',
    ],
    [
      'fee in exponent notation',
      { minminingtxfee: '1e-8' },
      'invalid setting minminingtxfee="1e-8": expected a decimal number from 0 to 21000000, such as 0.000005 or 0',
    ],
    [
      'negative policy limit',
      { maxtxsizepolicy: '-1' },
      'invalid setting maxtxsizepolicy="-1": expected a whole number of at least 0',
    ],
    [
      'propagation URL without a scheme',
      { asset_propagation_public_url: 'tx.example.com:8084' },
      'invalid setting asset_propagation_public_url="tx.example.com:8084": expected an http or https URL such as http://localhost:8090/api/v1',
    ],
    [
      'Kafka topic with a space',
      { KAFKA_BLOCKS: 'my blocks' },
      `invalid setting KAFKA_BLOCKS="my blocks": expected a Kafka name of at most 249 letters, digits, '.', '_' or '-' (not . or ..)`,
    ],
    [
      'control characters stay escaped on one line',
      { clientName: 'node\nname' },
      `invalid setting clientName="node\\nname": expected a name of at most 64 letters, digits, '.', '_' or '-'`,
    ],
  ])('%s', (_, env, message) => {
    const error = settingsError(env);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
  });

  it('never shows a secret, not even part of it', () => {
    const secrets = { p2p_private_key: `${PRIVATE_KEY}0`, p2p_shared_key: 'not-the-shared-key' };
    const error = settingsError(secrets);
    for (const problem of error.problems) {
      expect(problem).not.toContain(PRIVATE_KEY.slice(0, 16));
      expect(problem).not.toContain('not-the-shared-key');
    }
    expect(error.problems).toHaveLength(2);
  });

  it('shortens very long values', () => {
    const error = settingsError({ p2p_dht_protocol_id: 'x'.repeat(500) });
    expect(error.message).toBe(
      `invalid setting p2p_dht_protocol_id="${'x'.repeat(160)}"… (500 characters): expected a protocol prefix such as /teranode`,
    );
  });

  it('reports every problem, the first as the message', () => {
    const error = settingsError({ p2p_port: '70000', network: 'mainet' });
    expect(error.problems).toEqual([
      'invalid setting network="mainet": expected one of mainnet, testnet, regtest, stn, teratestnet, tstn',
      'invalid setting p2p_port="70000": expected a TCP port from 1 to 65535',
    ]);
    expect(error.message).toBe(error.problems[0]);
    expect(error.name).toBe('SettingsError');
  });
});

describe('cross-setting checks', () => {
  it('p2p_conn_low_water must not exceed p2p_conn_high_water', () => {
    expect(settingsError({ p2p_conn_low_water: '500', p2p_conn_high_water: '400' }).message).toBe(
      'invalid settings p2p_conn_low_water=500 and p2p_conn_high_water=400: expected p2p_conn_low_water not to exceed p2p_conn_high_water',
    );
    expect(
      loadSettings({ env: { p2p_conn_low_water: '400', p2p_conn_high_water: '400' } })
        .p2p_conn_low_water,
    ).toBe(400);
  });

  it('p2p_min_peers must not exceed p2p_conn_high_water', () => {
    expect(
      settingsError({ p2p_min_peers: '10', p2p_conn_high_water: '8', p2p_conn_low_water: '4' })
        .message,
    ).toBe(
      'invalid settings p2p_min_peers=10 and p2p_conn_high_water=8: expected p2p_min_peers not to exceed p2p_conn_high_water',
    );
  });

  it('securityLevelHTTP > 0 names the missing certificate files', () => {
    expect(settingsError({ securityLevelHTTP: '1' }).message).toBe(
      'invalid setting securityLevelHTTP="1": HTTPS needs server_certFile and server_keyFile, which are not set',
    );
    expect(
      settingsError({ securityLevelHTTP: '1', server_certFile: 'certs/p2p.crt' }).message,
    ).toBe('invalid setting securityLevelHTTP="1": HTTPS needs server_keyFile, which is not set');
    const tls = loadSettings({
      env: {
        securityLevelHTTP: '1',
        server_certFile: 'certs/p2p.crt',
        server_keyFile: 'certs/p2p.key',
      },
    });
    expect(tls.securityLevelHTTP).toBe(1);
  });

  it('security_level_grpc > 0 names the missing certificate file', () => {
    expect(
      settingsError({ security_level_grpc: '1', server_keyFile: 'certs/p2p.key' }).message,
    ).toBe(
      'invalid setting security_level_grpc="1": gRPC TLS needs server_certFile, which is not set',
    );
  });

  it('is skipped when one of its settings is already invalid', () => {
    expect(
      settingsError({ p2p_conn_low_water: 'many', p2p_conn_high_water: '10' }).problems,
    ).toEqual(['invalid setting p2p_conn_low_water="many": expected a whole number of at least 0']);
  });
});

describe('aliases (Teranode spellings)', () => {
  it('reads p2p_bootstrapAddresses, p2p_grpcListenAddress, p2p_grpcAddress, blockchain_grpcAddress and asset_propagationPublicURL', () => {
    const settings = loadSettings({
      env: {
        p2p_bootstrapAddresses: `/dns4/teranode-bootstrap.bsvb.tech/tcp/9901/p2p/${PEER}`,
        p2p_grpcListenAddress: ':19904',
        p2p_grpcAddress: 'gossip-node:19904',
        blockchain_grpcAddress: 'blockchain:8087',
        node_name: 'eu-1',
        asset_propagationPublicURL: 'http://tx.example.com/api/v1',
      },
    });
    expect(settings.p2p_bootstrap_addresses).toEqual([
      `/dns4/teranode-bootstrap.bsvb.tech/tcp/9901/p2p/${PEER}`,
    ]);
    expect(settings.p2p_grpc_listen_address).toEqual({ host: '', port: 19904 });
    expect(settings.p2p_grpc_address).toEqual({ host: 'gossip-node', port: 19904 });
    expect(settings.blockchain_grpc_address).toEqual({ host: 'blockchain', port: 8087 });
    expect(settings.p2p_node_name).toBe('eu-1');
    expect(settings.asset_propagation_public_url).toBe('http://tx.example.com/api/v1');
  });

  it('prefers the key over an alias', () => {
    const settings = loadSettings({
      env: { p2p_grpc_address: 'a:1', gossip_node_grpc_address: 'b:2' },
    });
    expect(settings.p2p_grpc_address).toEqual({ host: 'a', port: 1 });
  });

  it('reads the bootstrap peers under all three names: ours, then p2p_bootstrap_peers, then p2p_bootstrapAddresses', () => {
    const ours = `/ip4/10.0.0.1/tcp/9905/p2p/${PEER}`;
    const current = '/dnsaddr/mainnet.bootstrap.example.com';
    const old = `/dns4/old.example.com/tcp/9905/p2p/${PEER}`;
    const bootstrap = (env: Record<string, string>) =>
      loadSettings({ env, only: 'p2p_bootstrap_addresses' }).p2p_bootstrap_addresses;
    expect(bootstrap({ p2p_bootstrap_peers: current, p2p_bootstrapAddresses: old })).toEqual([
      current,
    ]);
    expect(bootstrap({ p2p_bootstrap_addresses: ours, p2p_bootstrap_peers: current })).toEqual([
      ours,
    ]);
    expect(bootstrap({ p2p_bootstrapAddresses: old })).toEqual([old]);
  });

  it('drops a dns:/// or k8s:/// gRPC resolver prefix from dial addresses, as Teranode writes them', () => {
    const settings = loadSettings({
      env: {
        p2p_grpcAddress: 'k8s:///peer.teranode.svc.cluster.local:9904',
        blockchain_grpc_address: 'dns:///blockchain:8087',
      },
    });
    expect(settings.p2p_grpc_address).toEqual({
      host: 'peer.teranode.svc.cluster.local',
      port: 9904,
    });
    expect(settings.blockchain_grpc_address).toEqual({ host: 'blockchain', port: 8087 });
  });

  it('names the alias the operator wrote in an error', () => {
    expect(settingsError({ p2p_grpcListenAddress: '9904' }).message).toBe(
      'invalid setting p2p_grpcListenAddress="9904": expected a listen address host:port or :port, such as :9904, 0.0.0.0:9904 or [::1]:9904',
    );
  });
});

describe('settings file', () => {
  it('supplies values, and the environment overrides them', () => {
    const file = settingsFile('p2p_port = 9100\nnetwork = regtest\nclientName = from-file\n');
    const settings = loadSettings({ env: { SETTINGS_FILE: file, p2p_port: '9200' } });
    expect(settings.p2p_port).toBe(9200);
    expect(settings.network).toBe('regtest');
    expect(settings.clientName).toBe('from-file');
  });

  it('an empty environment variable brings back the default over a file value', () => {
    const file = settingsFile('p2p_static_peers = /ip4/10.0.0.2/tcp/9905\n');
    expect(
      loadSettings({ env: { SETTINGS_FILE: file, p2p_static_peers: '' } }).p2p_static_peers,
    ).toEqual([]);
  });

  it('selects the most specific context from SETTINGS_CONTEXT, or the context option', () => {
    const file = settingsFile(
      [
        'p2p_port = 9905',
        'p2p_port.docker = 19905',
        'p2p_port.docker.teranode2 = 29905',
        'clientName = base',
        'clientName.docker = docker',
      ].join('\n'),
    );
    const at = (context: string | undefined) =>
      loadSettings({
        env: {
          SETTINGS_FILE: file,
          ...(context === undefined ? {} : { SETTINGS_CONTEXT: context }),
        },
      });
    expect(at(undefined).p2p_port).toBe(9905);
    expect(at('docker').p2p_port).toBe(19905);
    expect(at('docker.teranode1').p2p_port).toBe(19905);
    expect(at('docker.teranode2').p2p_port).toBe(29905);
    expect(at('docker.teranode2').clientName).toBe('docker');
    expect(at('operator').clientName).toBe('base');
    expect(
      loadSettings({ env: { SETTINGS_CONTEXT: 'docker' }, file, context: 'docker.teranode2' })
        .p2p_port,
    ).toBe(29905);
  });

  it('reads aliases from the file too', () => {
    const file = settingsFile(`p2p_bootstrapAddresses = /ip4/10.0.0.1/tcp/9901/p2p/${PEER}\n`);
    expect(loadSettings({ env: {}, file }).p2p_bootstrap_addresses).toEqual([
      `/ip4/10.0.0.1/tcp/9901/p2p/${PEER}`,
    ]);
  });

  it('names the file and line of a bad value, with the context', () => {
    const file = settingsFile('# ports\np2p_port = 9905\np2p_port.docker = 99999\n');
    expect(settingsError({ SETTINGS_FILE: file, SETTINGS_CONTEXT: 'docker' }).message).toBe(
      `invalid setting p2p_port.docker="99999" at ${file}:3: expected a TCP port from 1 to 65535`,
    );
  });

  it('masks secrets from the file', () => {
    const file = settingsFile('DATABASE_URL = postgres://p2p:hunter2@db:5432\n');
    const error = settingsError({}, { file });
    expect(error.message).toBe(
      `invalid setting DATABASE_URL="postgres://p2p:***@db:5432" at ${file}:1: expected a postgres:// or postgresql:// URL such as postgres://user:password@localhost:5432/p2p`,
    );
  });

  it('fails when an explicitly requested file does not exist', () => {
    const missing = join(dir, 'missing.conf');
    expect(settingsError({ SETTINGS_FILE: missing }).message).toBe(
      `settings file not found: SETTINGS_FILE=${JSON.stringify(missing)}`,
    );
    expect(settingsError({}, { file: missing }).message).toBe(
      `settings file not found: ${JSON.stringify(missing)}`,
    );
  });

  it('fails on a path that is not a readable file', () => {
    expect(settingsError({ SETTINGS_FILE: dir }).message).toBe(
      `cannot read settings file SETTINGS_FILE=${JSON.stringify(dir)}: EISDIR`,
    );
  });

  it('fails on an unknown key in the file, naming file:line and the likely key', () => {
    const file = settingsFile('network = mainnet\np2p_prot = 9905\n');
    expect(settingsError({ SETTINGS_FILE: file }).message).toBe(
      `settings file ${file}:2: unknown setting p2p_prot (did you mean p2p_port?)`,
    );
  });

  it("reads a Teranode settings.conf, skipping the keys of Teranode's other services", () => {
    const file = settingsFile(
      [
        '# Teranode settings.conf style, several services in one file',
        'blockvalidation_maxWorkers = 4',
        'asset_httpListenAddress = :8090',
        'KAFKA_HOSTS = localhost:9092',
        'p2p_port = 9905',
        'p2p_port.docker.teranode1 = 19905',
        'p2p_enable_relay = true',
        `p2p_peer_id.docker.teranode1 = ${PEER}`,
        'p2p_httpAddress = localhost:9906',
      ].join('\n'),
    );
    const settings = loadSettings({
      env: { SETTINGS_FILE: file, SETTINGS_CONTEXT: 'docker.teranode1' },
    });
    expect(settings.p2p_port).toBe(19905);
    expect(settings.p2p_peer_id).toBe(PEER);
    expect(settings.p2p_enable_relay).toBe(true);
  });

  it('still fails on an unknown key of a service of this product', () => {
    const file = settingsFile('kafka_bridge_group = bridge\n');
    expect(settingsError({ SETTINGS_FILE: file }).message).toBe(
      `settings file ${file}:1: unknown setting kafka_bridge_group (did you mean kafka_bridge_group_id?)`,
    );
  });

  it('ignores an empty SETTINGS_FILE', () => {
    expect(loadSettings({ env: { SETTINGS_FILE: '' } }).p2p_port).toBe(9905);
  });
});

describe('only: loading a subset', () => {
  it('loads one group', () => {
    const kafka = loadSettings({ env: {}, only: 'kafka' });
    expect(Object.keys(kafka).sort()).toEqual(Object.keys(settingGroups.kafka).sort());
    expect(Object.keys(kafka)).toEqual(
      expect.arrayContaining(['KAFKA_BROKERS', 'KAFKA_BLOCKS', 'KAFKA_P2P_EVENTS']),
    );
    expect(Object.keys(kafka)).not.toContain('p2p_port');
    const topic: string = kafka.KAFKA_BLOCKS;
    // @ts-expect-error p2p_port is not in the kafka group
    void kafka.p2p_port;
    expect(topic).toBe('blocks');
  });

  it('loads groups and keys together', () => {
    const settings = loadSettings({
      env: { p2p_port: '9001' },
      only: ['ban', 'p2p_port', 'network'],
    });
    expect(settings.p2p_port).toBe(9001);
    expect(settings.network).toBe('mainnet');
    expect(settings.p2p_ban_threshold).toBe(100);
    expect(Object.keys(settings)).toHaveLength(2 + 10);
  });

  it('does not validate what it does not load', () => {
    expect(loadSettings({ env: { p2p_port: '70000' }, only: 'kafka' }).KAFKA_DLQ).toBe('p2p.dlq');
  });

  it('still applies a cross-check whose other settings were not selected', () => {
    expect(() =>
      loadSettings({ env: { securityLevelHTTP: '1' }, only: ['securityLevelHTTP'] }),
    ).toThrow(
      'invalid setting securityLevelHTTP="1": HTTPS needs server_certFile and server_keyFile, which are not set',
    );
    const selected = loadSettings({
      env: { securityLevelHTTP: '1', server_certFile: 'c', server_keyFile: 'k' },
      only: ['securityLevelHTTP'],
    });
    expect(Object.keys(selected)).toEqual(['securityLevelHTTP']);
  });

  it('rejects an unknown selector', () => {
    expect(() => loadSettings({ env: {}, only: ['p2p_prot' as 'p2p_port'] })).toThrow(
      'unknown setting or group "p2p_prot" in loadSettings({ only })',
    );
  });
});

describe('settings file references (`${NAME}`, as in Teranode settings.conf)', () => {
  it('expands other keys of the file, by context, and environment variables first', () => {
    const file = settingsFile(
      [
        'PORT_PREFIX =',
        'PORT_PREFIX.docker = 1',
        'P2P_PORT = ${PORT_PREFIX}9905',
        'p2p_port = ${P2P_PORT}',
        'clientName = ${NODE_NAME}-p2p',
      ].join('\n'),
    );
    expect(loadSettings({ env: { NODE_NAME: 'teranode1' }, file }).p2p_port).toBe(9905);
    const docker = loadSettings({ env: { NODE_NAME: 'teranode1' }, file, context: 'docker' });
    expect([docker.p2p_port, docker.clientName]).toEqual([19905, 'teranode1-p2p']);
    expect(loadSettings({ env: { NODE_NAME: 'x', P2P_PORT: '7000' }, file }).p2p_port).toBe(7000);
  });

  it('names an undefined or circular reference, with the file and line', () => {
    const undefinedRef = settingsFile('p2p_port = ${NOWHERE}');
    expect(settingsError({}, { file: undefinedRef }).message).toContain(
      `invalid setting p2p_port="\${NOWHERE}" at ${undefinedRef}:1: expected \${NOWHERE} to be defined, as an environment variable or a key of the settings file`,
    );
    const circular = settingsFile('A = ${B}\nB = ${A}\np2p_port = ${A}');
    expect(settingsError({}, { file: circular }).message).toContain(
      'refers back to itself (A → B → A)',
    );
  });
});
