import type { Settings, SettingKey } from './settings-schema.js';

/**
 * Rules that involve more than one setting. Each names its keys, so the loader reads them
 * whenever one of them is selected, and returns a one-line problem or undefined.
 */
export interface CrossCheck {
  readonly keys: readonly SettingKey[];
  check(settings: Settings): string | undefined;
}

function notAbove(lowKey: SettingKey, highKey: SettingKey): CrossCheck {
  return {
    keys: [lowKey, highKey],
    check(settings) {
      const low = settings[lowKey] as number;
      const high = settings[highKey] as number;
      return low <= high
        ? undefined
        : `invalid settings ${lowKey}=${low} and ${highKey}=${high}: expected ${lowKey} not to exceed ${highKey}`;
    },
  };
}

function tlsNeedsFiles(
  levelKey: 'securityLevelHTTP' | 'security_level_grpc',
  what: string,
): CrossCheck {
  return {
    keys: [levelKey, 'server_certFile', 'server_keyFile'],
    check(settings) {
      const level = settings[levelKey];
      if (level === 0) return undefined;
      const missing = (['server_certFile', 'server_keyFile'] as const).filter(
        (key) => settings[key] === undefined,
      );
      if (missing.length === 0) return undefined;
      const which =
        missing.length === 1
          ? `${missing[0]}, which is not set`
          : `${missing.join(' and ')}, which are not set`;
      return `invalid setting ${levelKey}="${level}": ${what} needs ${which}`;
    },
  };
}

export const crossChecks: readonly CrossCheck[] = [
  notAbove('p2p_conn_low_water', 'p2p_conn_high_water'),
  notAbove('p2p_min_peers', 'p2p_conn_high_water'),
  tlsNeedsFiles('securityLevelHTTP', 'HTTPS'),
  tlsNeedsFiles('security_level_grpc', 'gRPC TLS'),
];
