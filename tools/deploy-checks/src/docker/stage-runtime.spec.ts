import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readWorkspaceFile, workspacePath, workspaceRoot } from '../workspace.js';
import { HEALTHCHECK_SCRIPT, STAGE_SCRIPT } from './app-image.js';
import { filesUnder, runScript } from './script-runs.js';

const run = (cwd: string, args: string[]) => runScript(STAGE_SCRIPT, cwd, args);
const files = filesUnder;

/**
 * Files the real sources read next to their built code at run time (`new URL('../x',
 * import.meta.url)`), as paths relative to their project: they must be staged with it.
 */
function filesReadNextToCode(): { project: string; path: string }[] {
  const found: { project: string; path: string }[] = [];
  for (const kind of ['apps', 'libs']) {
    for (const name of readdirSync(workspacePath(kind))) {
      const src = workspacePath(kind, name, 'src');
      if (!existsSync(src)) continue;
      for (const file of files(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
        const text = readFileSync(join(src, file), 'utf8');
        for (const m of text.matchAll(
          /new URL\(\s*[`'"](\.{1,2}\/[^`'"$]*)[^)]*import\.meta\.url/g,
        )) {
          const built = posix.join('dist', posix.dirname(file));
          const target = posix.normalize(posix.join(built, m[1]!));
          const path = target.endsWith('/') ? target.slice(0, -1) : posix.dirname(target);
          found.push({ project: `${kind}/${name}`, path });
        }
      }
    }
  }
  return found;
}

describe(`${STAGE_SCRIPT} (build stage of every app image)`, () => {
  let workspace: string;
  const write = (path: string, text = '{}') => {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  };
  const stage = async (app: string) => {
    const result = await run(workspace, ['out', app]);
    expect(result).toEqual({ code: 0, stderr: '' });
    return files(join(workspace, 'out'));
  };

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'stage-runtime-'));
    for (const file of [
      'package.json',
      'package-lock.json',
      'README.md',
      'proto/p2p_api.proto',
      'proto/grpc/health/v1/health.proto',
      'node_modules/dev-tool/index.js',
      'apps/a/package.json',
      'apps/a/dist/.tsbuildinfo',
      'apps/a/dist/main.d.ts',
      'apps/a/src/main.ts',
      'apps/a/node_modules/nested/index.js',
      'apps/b/package.json',
      'apps/b/dist/main.js',
      'apps/c/package.json',
      'libs/config/package.json',
      'libs/config/dist/index.js',
      'libs/contracts/package.json',
      'libs/contracts/dist/index.js',
      'libs/direct/package.json',
      'libs/direct/src/index.ts',
      'libs/direct/assets/page.html',
      'libs/transitive/package.json',
      'libs/transitive/dist/index.js',
      'libs/unused/package.json',
      'libs/unused/dist/index.js',
      'libs/types-only/package.json',
      'libs/types-only/dist/index.js',
      'libs/unbuilt/package.json',
    ]) {
      write(file);
    }
    write(HEALTHCHECK_SCRIPT, "import { loadSettings } from '@teranode-p2p/config';");
    // Every import form tsc emits: import, export from, side effect, dynamic, either quote.
    write(
      'apps/a/dist/main.js',
      "import { x } from '@teranode-p2p/direct';\nimport '@teranode-p2p/direct/sub';",
    );
    write('apps/a/dist/main.d.ts', "import type { T } from '@teranode-p2p/types-only';");
    write(
      'apps/a/dist/lazy/load.js',
      'export * from "@teranode-p2p/contracts";\nawait import(`x`);',
    );
    write('libs/direct/dist/index.js', "const t = await import('@teranode-p2p/transitive');");
    write('libs/transitive/dist/index.js', "export * from '@teranode-p2p/direct';");
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('stages manifests, the app and the libraries its build imports (transitively), proto/ and the health check, and nothing else', async () => {
    expect(await stage('a')).toEqual([
      'apps/a/dist/lazy/load.js',
      'apps/a/dist/main.d.ts',
      'apps/a/dist/main.js',
      'apps/a/package.json',
      'apps/b/package.json',
      'apps/c/package.json',
      HEALTHCHECK_SCRIPT,
      'libs/config/dist/index.js',
      'libs/config/package.json',
      'libs/contracts/dist/index.js',
      'libs/contracts/package.json',
      'libs/direct/assets/page.html',
      'libs/direct/dist/index.js',
      'libs/direct/package.json',
      'libs/transitive/dist/index.js',
      'libs/transitive/package.json',
      'libs/types-only/package.json',
      'libs/unbuilt/package.json',
      'libs/unused/package.json',
      'package-lock.json',
      'package.json',
      'proto/grpc/health/v1/health.proto',
      'proto/p2p_api.proto',
    ]);
    expect(existsSync(join(workspace, 'out/data'))).toBe(true);
  });

  it('stages proto/ only for an app that uses the contracts library', async () => {
    const staged = await stage('b');
    expect(staged.filter((f) => f.startsWith('proto/') || f.includes('/dist/'))).toEqual([
      'apps/b/dist/main.js',
      'libs/config/dist/index.js',
    ]);
  });

  it('fails, naming it, when the app or a library it imports was not built', async () => {
    const result = await run(workspace, ['out', 'c']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('apps/c/dist/main.js missing: build c first');
    write('apps/b/dist/main.js', "import '@teranode-p2p/unbuilt';");
    expect((await run(workspace, ['out', 'b'])).stderr).toContain(
      'libs/unbuilt/dist missing: nx build b should have built it',
    );
  });

  it('fails on an import of a workspace package that is not a library, and on bad usage', async () => {
    write('apps/b/dist/main.js', "import '@teranode-p2p/a';");
    expect((await run(workspace, ['out', 'b'])).stderr).toContain(
      'imports @teranode-p2p/a, which is not a library under libs/',
    );
    expect((await run(workspace, ['out', 'a', 'b'])).code).toBe(2);
  });

  it('stages every file the real sources read next to their built code', async () => {
    const reads = filesReadNextToCode();
    // The dashboard page ws-gateway serves is one: the check finds what it must.
    expect(reads).toContainEqual({ project: 'libs/dashboard', path: 'assets' });
    for (const { project, path } of reads) {
      const [kind, name] = project.split('/') as [string, string];
      const app = kind === 'apps' ? name : 'b';
      write(`${project}/package.json`);
      write(`${project}/dist/index.js`);
      write(`apps/${app}/dist/main.js`, kind === 'libs' ? `import '@teranode-p2p/${name}';` : '');
      const probe = `${project}/${path}/read-at-run-time`;
      write(probe);
      expect(await stage(app)).toContain(probe);
      rmSync(join(workspace, 'out'), { recursive: true });
    }
  });

  it('assumes each library’s package is named @teranode-p2p/<its folder>', () => {
    for (const lib of readdirSync(join(workspaceRoot, 'libs'))) {
      const manifest = JSON.parse(readWorkspaceFile(`libs/${lib}/package.json`)) as {
        name: string;
      };
      expect(manifest.name).toBe(`@teranode-p2p/${lib}`);
    }
  });
});
