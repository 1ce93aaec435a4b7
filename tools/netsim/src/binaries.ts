import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Binaries } from './run-population.js';

const here = dirname(fileURLToPath(import.meta.url));
export const workspaceRoot = resolve(here, '../../..');

/** tools/interop's Go peer, built into .cache/interop (Go's build cache makes it cheap again). */
async function buildGoPeer(): Promise<string> {
  const binary = join(workspaceRoot, '.cache', 'interop', 'interop-peer');
  mkdirSync(dirname(binary), { recursive: true });
  try {
    await promisify(execFile)('go', ['build', '-o', binary, '.'], {
      cwd: join(workspaceRoot, 'tools', 'interop'),
      // -mod=readonly: go.sum pins go-p2p v1.2.4, which the public checksum database lacks.
      env: { ...process.env, GOFLAGS: `${process.env['GOFLAGS'] ?? ''} -mod=readonly`.trim() },
      timeout: 900_000,
    });
  } catch (error) {
    throw new Error(
      `building tools/interop failed (is go installed?): ${(error as Error).message}`,
    );
  }
  return binary;
}

/** Everything a run starts, built once: toxiproxy-server (scripts/toxiproxy.sh), the Go peer. */
export async function prepareBinaries(withGo: boolean): Promise<Binaries> {
  const toxiproxy = execFileSync('bash', [join(workspaceRoot, 'scripts', 'toxiproxy.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 1_200_000,
  }).trim();
  return {
    node: process.execPath,
    oursRunner: join(here, 'ours-runner.js'),
    libp2pRunner: join(here, 'libp2p-runner.js'),
    goPeer: withGo ? await buildGoPeer() : undefined,
    toxiproxy,
  };
}
