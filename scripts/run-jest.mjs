// Runs one project's jest tests (`unit` or `integration`) with its results written to
// <project>/.test-results/<kind>.json. When jest exits non-zero it also writes <kind>.exit.json
// with the code, the signal and its last lines of output, so that scripts/summarize-tests.mjs
// can name a run that failed without a failed test (an error after the results were written, a
// crash before) at the end of a long CI log.
//   node scripts/run-jest.mjs <project root> <unit|integration> [jest arguments...]
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TAIL_LINES = 40;
const [projectRoot, kind, ...jestArgs] = process.argv.slice(2);
if (!projectRoot || !['unit', 'integration'].includes(kind)) {
  console.error('usage: node scripts/run-jest.mjs <project root> <unit|integration> [jest args]');
  process.exit(2);
}

const results = join(projectRoot, '.test-results');
const exitFile = join(results, `${kind}.exit.json`);
mkdirSync(results, { recursive: true });
rmSync(exitFile, { force: true });

const tail = [];
let partial = '';
function keep(chunk) {
  const lines = (partial + chunk.toString('utf8')).split('\n');
  partial = lines.pop() ?? '';
  tail.push(...lines);
  if (tail.length > TAIL_LINES) tail.splice(0, tail.length - TAIL_LINES);
}

const jest = spawn(
  process.execPath,
  [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '-c',
    join(projectRoot, 'jest.esm.config.cjs'),
    '--json',
    `--outputFile=${join(results, `${kind}.json`)}`,
    ...jestArgs,
  ],
  { stdio: ['inherit', 'pipe', 'pipe'] },
);
jest.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  keep(chunk);
});
jest.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  keep(chunk);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => jest.kill(signal));

jest.on('close', (code, signal) => {
  if (partial !== '') tail.push(partial);
  if (code !== 0) {
    writeFileSync(exitFile, JSON.stringify({ code, signal, lastLines: tail }, null, 2));
  }
  process.exit(code ?? 1);
});
