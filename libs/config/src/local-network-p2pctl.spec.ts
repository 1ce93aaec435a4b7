import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  localNetworkP2pctlFile,
  removeLocalNetworkP2pctlDefaults,
  withLocalNetworkP2pctlDefaults,
  writeLocalNetworkP2pctlDefaults,
} from './local-network-p2pctl.js';
import { SettingsError } from './settings-error.js';

const DEFAULTS = {
  p2p_grpc_address: '127.0.0.1:20011',
  ban_service_grpc_address: '127.0.0.1:20002',
  grpc_admin_api_key: 'key',
  P2PCTL_GATEWAY: 'http://127.0.0.1:20005',
  P2PCTL_HEALTH: 'ws-gateway=http://127.0.0.1:20005',
};

function runningNetwork(): { LOCAL_DATA_DIR: string } {
  const env = { LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), 'local-network-')) };
  writeLocalNetworkP2pctlDefaults(localNetworkP2pctlFile(env), DEFAULTS);
  return env;
}

describe("the local network's defaults for p2pctl", () => {
  it('fill in every address and the admin key the environment does not set', () => {
    const env = runningNetwork();
    expect(withLocalNetworkP2pctlDefaults(env)).toEqual({ ...env, ...DEFAULTS });
    expect(statSync(localNetworkP2pctlFile(env)).mode & 0o777).toBe(0o600);
  });

  it('lose to the environment under any spelling, an empty value included', () => {
    const env = {
      ...runningNetwork(),
      p2p_grpcAddress: 'node:9904',
      grpc_admin_api_key: '',
      P2PCTL_GATEWAY: 'http://gw:9906',
    };
    const merged = withLocalNetworkP2pctlDefaults(env);
    expect(merged['p2p_grpc_address']).toBeUndefined();
    expect(merged).toMatchObject({
      p2p_grpcAddress: 'node:9904',
      grpc_admin_api_key: '',
      P2PCTL_GATEWAY: 'http://gw:9906',
      ban_service_grpc_address: DEFAULTS.ban_service_grpc_address,
    });
  });

  it('are not used with SETTINGS_FILE, nor when no local network runs', () => {
    const env = { ...runningNetwork(), SETTINGS_FILE: 'settings.conf' };
    expect(withLocalNetworkP2pctlDefaults(env)).toBe(env);
    removeLocalNetworkP2pctlDefaults(localNetworkP2pctlFile(env));
    const stopped = { LOCAL_DATA_DIR: env.LOCAL_DATA_DIR };
    expect(withLocalNetworkP2pctlDefaults(stopped)).toBe(stopped);
  });

  it('name the file when it is not JSON', () => {
    const env = runningNetwork();
    writeFileSync(localNetworkP2pctlFile(env), '{not json');
    expect(() => withLocalNetworkP2pctlDefaults(env)).toThrow(SettingsError);
    expect(() => withLocalNetworkP2pctlDefaults(env)).toThrow(
      `${localNetworkP2pctlFile(env)} (written by the local network) is unreadable`,
    );
  });
});
