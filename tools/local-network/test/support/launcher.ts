import { join } from 'node:path';
import { spawnNode, workspaceRoot, type SpawnedApp } from '@teranode-p2p/testing';

/** `npm start` as a process, on ports from `basePort`, blocks every second. */
export function startLauncher(
  dataDir: string,
  basePort: number,
  env: Record<string, string> = {},
): Promise<SpawnedApp> {
  return spawnNode(join(workspaceRoot, 'tools/local-network/dist/main.js'), {
    env: {
      LOCAL_DATA_DIR: dataDir,
      LOCAL_BASE_PORT: String(basePort),
      LOCAL_BLOCK_INTERVAL: '1s',
      HOME: process.env['HOME'] ?? '/tmp',
      ...env,
    },
    readyWhen: /Ctrl-C stops the network/,
    readyTimeoutMs: 90_000,
  });
}

/** The nodes' peer IDs from the summary's `  node1  /ip4/…/p2p/12D3KooW…` lines. */
export const peerIds = (output: string) =>
  [...output.matchAll(/^ {2}node\d+ +\/ip4\/\S+\/p2p\/(12D3KooW\w+)$/gm)].map((m) => m[1]!);

/** p2pctl as a person runs it next to `npm start`: no flags, the network's data directory. */
export async function p2pctlNextTo(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; output: string }> {
  const cli = await spawnNode(join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'), {
    args,
    env: { LOCAL_DATA_DIR: dataDir },
  });
  return { code: await cli.exited, output: cli.output() };
}
