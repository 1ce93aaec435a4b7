import { describe, expect, it } from '@jest/globals';
import { closestKey } from './closest-key.js';
import { contextChain, findFileEntry, parseSettingsText } from './settings-file.js';

const KEYS = {
  canonicalKey: new Map([
    ['p2p_port', 'p2p_port'],
    ['network', 'network'],
    ['DATABASE_URL', 'DATABASE_URL'],
    ['p2p_bootstrap_addresses', 'p2p_bootstrap_addresses'],
    ['p2p_bootstrapAddresses', 'p2p_bootstrap_addresses'],
    ['ws_max_clients', 'ws_max_clients'],
  ]),
  ownPrefixes: ['p2p_', 'ws_'],
};

function parse(text: string) {
  return parseSettingsText(text, 'settings.conf', KEYS);
}

describe('parseSettingsText', () => {
  it('reads key = value lines, skipping blank lines and # comments', () => {
    const file = parse(
      '# Teranode style\n\n  p2p_port=9905\nnetwork =  mainnet  \n   # indented comment\n',
    );
    expect(file.entries).toEqual([
      { key: 'p2p_port', spelling: 'p2p_port', context: undefined, value: '9905', line: 3 },
      { key: 'network', spelling: 'network', context: undefined, value: 'mainnet', line: 4 },
    ]);
  });

  it('keeps = and # inside values', () => {
    const file = parse('DATABASE_URL = postgres://u:p#1=2@db/p2p?sslmode=require\n');
    expect(file.entries[0]?.value).toBe('postgres://u:p#1=2@db/p2p?sslmode=require');
  });

  it("drops a trailing comment after whitespace, as Teranode's settings.conf writes them", () => {
    const file = parse(
      'network.dev = regtest # used by unit tests # in your IDE\np2p_port = # empty\n',
    );
    expect(file.entries.map((e) => [e.key, e.value])).toEqual([
      ['network', 'regtest'],
      ['p2p_port', ''],
    ]);
    expect(file.lines.map((l) => l.value)).toEqual(['regtest', '']);
  });

  it('handles CRLF line ends and a byte-order mark', () => {
    const file = parse('\uFEFFp2p_port = 1\r\nnetwork = regtest\r\n');
    expect(file.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['p2p_port', '1', 1],
      ['network', 'regtest', 2],
    ]);
  });

  it('reads contexts, and maps aliases to their key', () => {
    const file = parse('p2p_port.docker.teranode1 = 1\np2p_bootstrapAddresses.dev = x\n');
    expect(file.entries).toEqual([
      { key: 'p2p_port', spelling: 'p2p_port', context: 'docker.teranode1', value: '1', line: 1 },
      {
        key: 'p2p_bootstrap_addresses',
        spelling: 'p2p_bootstrapAddresses',
        context: 'dev',
        value: 'x',
        line: 2,
      },
    ]);
  });

  it('accepts an empty value', () => {
    expect(parse('network =\n').entries[0]?.value).toBe('');
  });

  it.each([
    ['p2p_port 9905', 2],
    ['= 9905', 2],
    ['p2p_port. = 1', 2],
    ['p2p-port = 1', 2],
    ['export p2p_port=1', 2],
  ])('rejects the malformed line %j with file:line', (line, number) => {
    expect(() => parse(`network = mainnet\n${line}\n`)).toThrow(
      `settings file settings.conf:${number}: expected "key = value" or "key.context = value"`,
    );
  });

  it('rejects an unknown key in an own namespace, suggesting the closest known one', () => {
    expect(() => parse('p2p_prot = 1')).toThrow(
      'settings file settings.conf:1: unknown setting p2p_prot (did you mean p2p_port?)',
    );
    expect(() => parse('\nws_max_client.docker = 5')).toThrow(
      'settings file settings.conf:2: unknown setting ws_max_client (did you mean ws_max_clients?)',
    );
    expect(() => parse('network = x\np2p_logging = on')).toThrow(
      /^settings file settings\.conf:2: unknown setting p2p_logging$/,
    );
  });

  it("skips other unknown keys: those of Teranode's other services", () => {
    const file = parse(
      [
        'blockvalidation_maxWorkers = 4',
        'asset_httpListenAddress = :8090',
        'asset_httpListenAddress.docker = :18090',
        'KAFKA_HOSTS = localhost:9092',
        'NETWORK = mainnet',
        'P2P_PORT = 9905',
        'p2p_port = 9906',
        'blockvalidation_maxWorkers = 8',
      ].join('\n'),
    );
    expect(file.entries).toEqual([
      { key: 'p2p_port', spelling: 'p2p_port', context: undefined, value: '9906', line: 7 },
    ]);
  });

  it('never prints the value of a malformed or unknown line', () => {
    expect(() => parse('DATABASE_URL postgres://u:hunter2@db/p2p')).toThrow(
      /^settings file settings\.conf:1: expected "key = value" or "key\.context = value"$/,
    );
  });

  it('rejects a setting given twice for the same context, also under two spellings', () => {
    expect(() => parse('p2p_port = 1\nnetwork = x\np2p_port = 2')).toThrow(
      'settings file settings.conf:3: p2p_port is already set at line 1',
    );
    expect(() => parse('p2p_port.docker = 1\np2p_port.docker = 2')).toThrow(
      'settings file settings.conf:2: p2p_port.docker is already set at line 1',
    );
    expect(() => parse('p2p_bootstrap_addresses = a\np2p_bootstrapAddresses = b')).toThrow(
      'settings file settings.conf:2: p2p_bootstrapAddresses (same setting as p2p_bootstrap_addresses) is already set at line 1',
    );
    expect(parse('p2p_port = 1\np2p_port.docker = 2').entries).toHaveLength(2);
  });
});

describe('contexts', () => {
  it('tries the most specific context first, then its parents, then the base value', () => {
    expect(contextChain('docker.teranode1')).toEqual(['docker.teranode1', 'docker', undefined]);
    expect(contextChain('dev')).toEqual(['dev', undefined]);
    expect(contextChain(undefined)).toEqual([undefined]);
    expect(contextChain('')).toEqual([undefined]);
  });

  it('finds the entry that applies, regardless of line order', () => {
    const file = parse('p2p_port.docker = 2\np2p_port = 1\np2p_bootstrapAddresses.docker = b\n');
    expect(findFileEntry(file, 'p2p_port', 'docker.teranode1')?.value).toBe('2');
    expect(findFileEntry(file, 'p2p_port', 'operator')?.value).toBe('1');
    expect(findFileEntry(file, 'p2p_port', undefined)?.value).toBe('1');
    expect(findFileEntry(file, 'p2p_bootstrap_addresses', undefined)).toBeUndefined();
    expect(findFileEntry(file, 'p2p_bootstrap_addresses', 'docker')?.value).toBe('b');
  });
});

describe('closestKey', () => {
  const keys = ['p2p_port', 'p2p_peer_map_ttl', 'p2p_ban_duration', 'network'];

  it.each([
    ['p2p_prot', 'p2p_port'],
    ['P2P_PORT', 'p2p_port'],
    ['p2p_ban_durations', 'p2p_ban_duration'],
    ['netwrk', 'network'],
  ])('%s → %s', (typo, key) => {
    expect(closestKey(typo, keys)).toBe(key);
  });

  it.each(['listen', 'p2p', 'xyz_totally_else'])('suggests nothing for %s', (name) => {
    expect(closestKey(name, keys)).toBeUndefined();
  });
});
