import { readFileSync } from 'node:fs';
import { SettingsError, type Settings } from '@teranode-p2p/config';

export type TlsFileKey = 'server_certFile' | 'server_keyFile';

/** The bytes of the file a TLS setting names; a file that cannot be read is a settings error naming the setting. */
export function readTlsSettingFile(
  settings: Partial<Pick<Settings, TlsFileKey>>,
  key: TlsFileKey,
): Buffer {
  const path = settings[key] ?? '';
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SettingsError(`invalid setting ${key}="${path}": cannot read the file (${reason})`);
  }
}
