import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PRUNE_SCRIPT } from './app-image.js';
import { filesUnder, runScript } from './script-runs.js';

const run = (cwd: string, args: string[] = []) => runScript(PRUNE_SCRIPT, cwd, args);
const files = filesUnder;

describe(`${PRUNE_SCRIPT} (build stage of every app image, after the production install)`, () => {
  let staged: string;
  const write = (path: string) => {
    mkdirSync(dirname(join(staged, path)), { recursive: true });
    writeFileSync(join(staged, path), '{}');
  };

  beforeEach(() => {
    staged = mkdtempSync(join(tmpdir(), 'prune-runtime-'));
  });
  afterEach(() => rmSync(staged, { recursive: true, force: true }));

  it('removes source maps, TypeScript and the test folders of packages; keeps what Node loads', async () => {
    const kept = [
      'package.json',
      'apps/a/dist/main.js',
      'libs/dashboard/assets/app.js',
      'libs/config/dist/index.js',
      'proto/p2p_api.proto',
      'node_modules/rxjs/dist/cjs/index.js',
      'node_modules/rxjs/package.json',
      'node_modules/@libp2p/tcp/dist/src/index.js',
      'node_modules/@electric-sql/pglite/dist/pglite.wasm',
      // only test folders at a package's root go: a folder of that name deeper may be code
      'node_modules/x/lib/test/helper.js',
      'node_modules/x/node_modules/y/index.js',
    ];
    const removed = [
      'apps/a/dist/main.js.map',
      'apps/a/dist/main.d.ts',
      'libs/config/dist/index.d.ts',
      'libs/config/dist/.tsbuildinfo',
      'node_modules/rxjs/src/index.ts',
      'node_modules/rxjs/dist/cjs/index.js.map',
      'node_modules/@libp2p/tcp/dist/src/index.d.ts',
      'node_modules/@libp2p/tcp/src/index.ts',
      'node_modules/x/index.d.mts',
      'node_modules/x/index.d.cts',
      'node_modules/x/node_modules/y/index.js.map',
      'node_modules/function-bind/test/index.js',
      'node_modules/cborg/tests/a.js',
      'node_modules/@scope/pkg/__tests__/a.js',
    ];
    for (const path of [...kept, ...removed]) write(path);
    expect(await run(staged)).toEqual({ code: 0, stderr: '' });
    expect(files(staged)).toEqual([...kept].sort());
  });

  it('refuses to run anywhere but an installed staged folder, or with arguments', async () => {
    write('README.md');
    expect(await run(staged)).toEqual({
      code: 1,
      stderr: expect.stringContaining('run it in the staged folder after npm install'),
    });
    write('package.json');
    write('node_modules/a/index.js');
    expect((await run(staged, ['/out'])).code).toBe(2);
    expect(files(staged)).toContain('node_modules/a/index.js');
  });
});
