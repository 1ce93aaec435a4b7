import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = join(import.meta.dirname, '../../..');

/** The .mjs files under `dir`, recursively. */
function scripts(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : scripts(path);
    return entry.name.endsWith('.mjs') ? [path] : [];
  });
}

interface RelativeImport {
  names: string[];
  specifier: string;
}

/** `import { a, b as c } from './x.js'` and `import x from '../y.mjs'` with relative paths. */
function relativeImports(source: string): RelativeImport[] {
  const found: RelativeImport[] = [];
  const pattern = /import\s+(?:\{([^}]*)\}|[\w$]+|\*\s+as\s+[\w$]+)\s+from\s+'(\.{1,2}\/[^']+)'/g;
  for (const match of source.matchAll(pattern)) {
    const names = (match[1] ?? '')
      .split(',')
      .map((name) =>
        name
          .trim()
          .split(/\s+as\s+/)[0]!
          .trim(),
      )
      .filter((name) => name.length > 0);
    found.push({ names, specifier: match[2]! });
  }
  return found;
}

/** Where a build output comes from: apps/x/dist/a/b.js → apps/x/src/a/b.ts. */
function sourceOf(path: string): string {
  const built = /^((?:apps|libs|tools)\/[^/]+)\/dist\/(.+)\.js$/.exec(path);
  return built ? `${built[1]}/src/${built[2]}.ts` : path;
}

const exportsName = (source: string, name: string) =>
  new RegExp(
    `export\\s+(?:async\\s+)?(?:const|let|function\\*?|class|abstract\\s+class|enum|interface|type)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`,
  ).test(source);

describe('benchmark and script imports', () => {
  const files = [...scripts('bench'), ...scripts('scripts')];

  it('finds the scripts', () => {
    expect(files).toContain('bench/gossip-node/peer.mjs');
  });

  it.each(files)('%s imports only files and names that exist', (file) => {
    const problems: string[] = [];
    for (const { names, specifier } of relativeImports(readFileSync(join(root, file), 'utf8'))) {
      const target = sourceOf(relative(root, resolve(root, dirname(file), specifier)));
      if (!existsSync(join(root, target))) {
        problems.push(`${specifier}: ${target} does not exist`);
        continue;
      }
      const source = readFileSync(join(root, target), 'utf8');
      for (const name of names)
        if (!exportsName(source, name)) problems.push(`${specifier}: ${target} exports no ${name}`);
    }
    expect(problems).toEqual([]);
  });
});
