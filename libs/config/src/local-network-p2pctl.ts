import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SETTINGS_FILE_ENV } from './load-settings.js';
import { SettingsError } from './settings-error.js';
import { settingsSchema } from './settings-schema.js';

/** Where `npm start` keeps the local network's data when LOCAL_DATA_DIR does not say. */
export const LOCAL_DATA_DIR_DEFAULT = 'data/local-network';

/**
 * What a running local network tells p2pctl: its addresses and admin key, under the names
 * p2pctl reads from the environment (settings and P2PCTL_* variables).
 */
export interface LocalNetworkP2pctlDefaults {
  readonly p2p_grpc_address: string;
  readonly ban_service_grpc_address: string;
  readonly grpc_admin_api_key: string;
  readonly P2PCTL_GATEWAY: string;
  readonly P2PCTL_HEALTH: string;
}

const NAMES: readonly (keyof LocalNetworkP2pctlDefaults)[] = [
  'p2p_grpc_address',
  'ban_service_grpc_address',
  'grpc_admin_api_key',
  'P2PCTL_GATEWAY',
  'P2PCTL_HEALTH',
];

/** The file the local network writes at start (and removes at stop) in its data directory. */
export function localNetworkP2pctlFile(env: Readonly<Record<string, string | undefined>>): string {
  return resolve(env['LOCAL_DATA_DIR'] || LOCAL_DATA_DIR_DEFAULT, 'p2pctl.json');
}

/** Written readable by its owner only: it holds the admin key. */
export function writeLocalNetworkP2pctlDefaults(
  file: string,
  defaults: LocalNetworkP2pctlDefaults,
): void {
  writeFileSync(file, `${JSON.stringify(defaults, null, 2)}\n`, { mode: 0o600 });
}

export function removeLocalNetworkP2pctlDefaults(file: string): void {
  rmSync(file, { force: true });
}

/**
 * `env` with the running local network's addresses and admin key filling in what it does not
 * set under any spelling, so p2pctl works against `npm start` without flags. Flags and the
 * environment win; with SETTINGS_FILE set, or no local network file, `env` is returned as is.
 */
export function withLocalNetworkP2pctlDefaults(
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string | undefined>> {
  const file = localNetworkP2pctlFile(env);
  if (env[SETTINGS_FILE_ENV] || !existsSync(file)) return env;
  let stored: Partial<Record<string, unknown>>;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<string, unknown>>;
  } catch (error) {
    throw new SettingsError(
      `${file} (written by the local network) is unreadable: ${(error as Error).message}; delete it or restart the local network`,
    );
  }
  const merged: Record<string, string | undefined> = { ...env };
  for (const name of NAMES) {
    const value = stored[name];
    const spellings =
      name in settingsSchema
        ? [name, ...settingsSchema[name as keyof typeof settingsSchema].aliases]
        : [name];
    if (typeof value === 'string' && spellings.every((s) => env[s] === undefined))
      merged[name] = value;
  }
  return merged;
}
