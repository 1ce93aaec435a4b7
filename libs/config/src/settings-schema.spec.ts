import { describe, expect, it } from '@jest/globals';
import type { AnySettingDefinition } from './setting-definition.js';
import {
  definitionsBySpelling,
  ownKeyPrefixes,
  settingDefinitions,
  settingGroups,
  settingsSchema,
} from './settings-schema.js';

const definitions: readonly AnySettingDefinition[] = settingDefinitions;

describe('settings schema', () => {
  it('declares every key once: the groups add up to the whole schema', () => {
    const groupSizes = Object.values(settingGroups).map((group) => Object.keys(group).length);
    expect(groupSizes.reduce((a, b) => a + b, 0)).toBe(Object.keys(settingsSchema).length);
  });

  it('indexes every key and alias', () => {
    const spellings = definitions.flatMap((d) => [d.key, ...d.aliases]);
    expect(new Set(spellings).size).toBe(spellings.length);
    for (const d of definitions) {
      for (const spelling of [d.key, ...d.aliases])
        expect(definitionsBySpelling.get(spelling)).toBe(d);
    }
  });

  it.each(definitions.map((d) => [d.key, d] as const))(
    '%s is usable as an environment variable name',
    (key, d) => {
      expect(key).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      for (const alias of d.aliases) expect(alias).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    },
  );

  it.each(definitions.map((d) => [d.key, d] as const))('%s has a one-sentence meaning', (_, d) => {
    expect(d.meaning).toMatch(/^[A-Za-z0-9"'{<]/);
    expect(d.meaning).toMatch(/[.)]$/);
    expect(
      d.meaning.replace(/\b(e\.g|i\.e|v0\.1[01]|1\.0\.0)\b\.?/g, '').match(/\.\s/g),
    ).toBeNull();
  });

  it.each(definitions.map((d) => [d.key, d] as const))(
    '%s has a default its own kind accepts, or says what unset means',
    (_, d) => {
      if (d.unset !== undefined) {
        expect(d.defaultValue).toBeUndefined();
        expect(d.unset.length).toBeGreaterThan(10);
        return;
      }
      const text = d.kind.format(d.defaultValue as never);
      if (text === '') {
        expect(d.defaultValue).toEqual([]);
      } else {
        expect(d.kind.parse(text)).toEqual(d.defaultValue);
      }
    },
  );

  it('marks the secrets', () => {
    const secrets = definitions.filter((d) => d.secret !== undefined).map((d) => [d.key, d.secret]);
    expect(secrets).toEqual([
      ['DATABASE_URL', 'url-password'],
      ['p2p_shared_key', 'whole'],
      ['p2p_private_key', 'whole'],
      ['grpc_admin_api_key', 'whole'],
    ]);
  });

  it.each(ownKeyPrefixes.map((prefix) => [prefix]))(
    'the own key prefix %s is one that declared settings use',
    (prefix) => {
      expect(definitions.filter((d) => d.key.startsWith(prefix)).length).toBeGreaterThan(0);
    },
  );

  it('declares the Teranode spellings as aliases', () => {
    expect(definitionsBySpelling.get('p2p_bootstrapAddresses')?.key).toBe(
      'p2p_bootstrap_addresses',
    );
    expect(definitionsBySpelling.get('p2p_grpcListenAddress')?.key).toBe('p2p_grpc_listen_address');
    expect(definitionsBySpelling.get('p2p_grpcAddress')?.key).toBe('p2p_grpc_address');
    expect(definitionsBySpelling.get('p2p_httpListenAddress')?.key).toBe('p2p_http_listen_address');
    expect(definitionsBySpelling.get('blockchain_grpcAddress')?.key).toBe(
      'blockchain_grpc_address',
    );
  });
});
