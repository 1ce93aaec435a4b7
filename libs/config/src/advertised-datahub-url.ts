import type { Settings } from './settings-schema.js';

type DataHubSettings = Pick<Settings, 'asset_httpPublicAddress' | 'asset_httpAddress'>;

/** The setting the advertised DataHub URL comes from: the public address when it is set. */
export function advertisedDataHubUrlSetting(
  settings: DataHubSettings,
): 'asset_httpPublicAddress' | 'asset_httpAddress' {
  return settings.asset_httpPublicAddress === undefined
    ? 'asset_httpAddress'
    : 'asset_httpPublicAddress';
}

/** The DataHub URL this node advertises in its blocks, subtrees, handshake and node_status. */
export function advertisedDataHubUrl(settings: DataHubSettings): string {
  return settings[advertisedDataHubUrlSetting(settings)]!;
}
