import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { workspacePath } from '../workspace.js';

const script = workspacePath('deploy/docker/stage-runtime.sh');

function run(cwd: string, args: string[]) {
  return new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      'sh',
      [script, ...args],
      { cwd, env: { ...process.env, STAGE_SKIP_INSTALL: '1' } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

describe('deploy/docker/stage-runtime.sh (build stage of the runtime image)', () => {
  let workspace: string;
  const write = (path: string, text = '{}') => {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  };

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'stage-runtime-'));
    for (const file of [
      'package.json',
      'package-lock.json',
      'apps/a/package.json',
      'apps/a/dist/main.js',
      'apps/a/dist/.tsbuildinfo',
      'apps/a/src/main.ts',
      'apps/b/package.json',
      'libs/built/package.json',
      'libs/built/dist/index.js',
      'libs/unbuilt/package.json',
      'libs/unbuilt/src/index.ts',
      'proto/p2p_api.proto',
      'deploy/docker/healthcheck.mjs',
      'README.md',
    ]) {
      write(file);
    }
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('stages manifests, built output, proto/ and the health check, and nothing else', async () => {
    expect(await run(workspace, ['out', 'a'])).toEqual({ code: 0, stderr: '' });
    const out = join(workspace, 'out');
    const files = (dir: string): string[] =>
      readdirSync(join(out, dir), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(out.length + 1))
        .sort();
    expect(files('.')).toEqual([
      'apps/a/dist/main.js',
      'apps/a/package.json',
      'apps/b/package.json',
      'deploy/docker/healthcheck.mjs',
      'libs/built/dist/index.js',
      'libs/built/package.json',
      'libs/unbuilt/package.json',
      'package-lock.json',
      'package.json',
      'proto/p2p_api.proto',
    ]);
    expect(existsSync(join(out, 'data'))).toBe(true);
  });

  it('fails, naming the app, when an app was not built', async () => {
    const result = await run(workspace, ['out', 'a', 'b']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('apps/b/dist/main.js missing: build b first');
  });
});
