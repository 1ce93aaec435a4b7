import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory holding the .proto files: `proto/` at the workspace root, or next to a deployed app. */
export const protoDir: string = findProtoDir(dirname(fileURLToPath(import.meta.url)));

export function protoFile(name: string): string {
  return join(protoDir, name);
}

function findProtoDir(start: string): string {
  const fromEnv = process.env['TERANODE_P2P_PROTO_DIR'];
  if (fromEnv) return resolve(fromEnv);
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'p2p_api.proto'))) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(
        `proto/ with p2p_api.proto not found above ${start}; set TERANODE_P2P_PROTO_DIR`,
      );
    }
  }
}
