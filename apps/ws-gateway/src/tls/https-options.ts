import { createSecureContext } from 'node:tls';
import { SettingsError, type Settings } from '@teranode-p2p/config';
import { readTlsSettingFile } from '@teranode-p2p/service-runtime';

/**
 * The key and certificate for HTTPS/WSS when securityLevelHTTP > 0 (the settings loader has
 * already checked both files are named). A file that cannot be read or does not hold a usable
 * PEM is a settings error naming the setting.
 */
export function httpsOptions(settings: Settings): { key: Buffer; cert: Buffer } | undefined {
  if (settings.securityLevelHTTP === 0) return undefined;
  const cert = readTlsSettingFile(settings, 'server_certFile');
  const key = readTlsSettingFile(settings, 'server_keyFile');
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new SettingsError(
      `invalid settings server_certFile="${settings.server_certFile}" and server_keyFile="${settings.server_keyFile}": not a matching PEM certificate and key (${(error as Error).message})`,
    );
  }
  return { key, cert };
}
