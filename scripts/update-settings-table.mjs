// Rewrites the settings table between the settings-table markers of libs/config/README.md
// from the declarations (builds the config lib first). Its test fails when they differ.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
execFileSync('npx', ['nx', 'build', 'config', '--output-style=static'], {
  cwd: root,
  stdio: 'ignore',
});
const { describeSettings } = await import(join(root, 'libs/config/dist/index.js'));
const file = join(root, 'libs/config/README.md');
const readme = readFileSync(file, 'utf8');
const start = readme.indexOf('<!-- settings-table:start');
const startEnd = readme.indexOf('-->', start) + 3;
const end = readme.indexOf('<!-- settings-table:end -->');
if (start < 0 || end < 0) throw new Error(`settings-table markers not found in ${file}`);
writeFileSync(
  file,
  `${readme.slice(0, startEnd)}\n\n${describeSettings().trim()}\n\n${readme.slice(end)}`,
);
execFileSync('npx', ['prettier', '--write', file], { cwd: root, stdio: 'ignore' });
console.log(`settings table updated in ${file}`);
