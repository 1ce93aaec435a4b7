import { describe, expect, it } from '@jest/globals';
import { loadSettings } from './load-settings.js';
import { SettingsError } from './settings-error.js';

function problem(env: Record<string, string>): string {
  try {
    loadSettings({ env, only: ['policy', 'node'] });
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('what node_status advertises: policy and propagation URL', () => {
  it("defaults to no fee (unknown) and Teranode's policy limits", () => {
    expect(loadSettings({ env: {}, only: 'policy' })).toEqual({
      minminingtxfee: undefined,
      maxscriptsizepolicy: 500_000,
      maxtxsizepolicy: 10_485_760,
      maxtxsigopscountspolicy: 0,
    });
    expect(loadSettings({ env: {}, only: 'asset_propagation_public_url' })).toEqual({
      asset_propagation_public_url: undefined,
    });
  });

  it.each([
    ['minminingtxfee', '0.00000001', 0.00000001],
    ['minminingtxfee', '0', 0],
    ['maxscriptsizepolicy', '0', 0],
    ['maxtxsizepolicy', '100000000', 100_000_000],
    ['maxtxsigopscountspolicy', '4294967295', 4_294_967_295],
    ['asset_propagation_public_url', 'https://tx.example.com', 'https://tx.example.com'],
    ['asset_propagationPublicURL', 'http://tx.example.com/api/v1', 'http://tx.example.com/api/v1'],
  ] as const)('parses %s=%s', (key, text, value) => {
    const loaded = loadSettings({ env: { [key]: text }, only: ['policy', 'node'] });
    const setting = key === 'asset_propagationPublicURL' ? 'asset_propagation_public_url' : key;
    expect(loaded[setting]).toEqual(value);
  });

  it.each([
    ['minminingtxfee', '-0.00001', 'a decimal number from 0 to 21000000, such as 0.000005 or 0'],
    ['minminingtxfee', '1e-8', 'a decimal number from 0 to 21000000, such as 0.000005 or 0'],
    ['maxtxsizepolicy', '-1', 'a whole number of at least 0'],
    ['maxtxsigopscountspolicy', '4.5', 'a whole number of at least 0'],
    [
      'asset_propagation_public_url',
      'tx.example.com:8084',
      'an http or https URL such as http://localhost:8090/api/v1',
    ],
  ])('rejects %s=%s', (key, text, expected) => {
    expect(problem({ [key]: text })).toBe(
      `invalid setting ${key}=${JSON.stringify(text)}: expected ${expected}`,
    );
  });
});
