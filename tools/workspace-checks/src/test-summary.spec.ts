import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

const root = join(import.meta.dirname, '../../..');
const workspace = mkdtempSync(join(tmpdir(), 'test-summary-'));

/** A project under the temporary workspace whose one test file is `spec`. */
function project(name: string, spec: string): string {
  const dir = join(workspace, 'tools', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'jest.esm.config.cjs'),
    "module.exports = { rootDir: __dirname, testEnvironment: 'node', testMatch: ['<rootDir>/*.spec.cjs'], transform: {} };\n",
  );
  writeFileSync(join(dir, 'one.spec.cjs'), spec);
  return dir;
}

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [command, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('scripts/run-jest.mjs and scripts/summarize-tests.mjs', () => {
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('count a jest run that exits non-zero after its tests passed as a failure, with its last lines', () => {
    const passing = project('passing', "test('adds', () => expect(1 + 1).toBe(2));\n");
    // Passes, then throws from a timer left behind once the results are written: jest exits 1.
    const late = project(
      'late-error',
      "test('passes', () => { setTimeout(() => { throw new Error('thrown after the run'); }, 1500); });\n",
    );
    expect(run('scripts/run-jest.mjs', [passing, 'unit']).status).toBe(0);
    expect(run('scripts/run-jest.mjs', [late, 'integration']).status).not.toBe(0);

    const summary = run('scripts/summarize-tests.mjs', [workspace]);
    expect(summary.status).toBe(1);
    expect(summary.output).toContain('tools/passing unit: 1 passed, 0 failed\n');
    expect(summary.output).toContain('tools/late-error integration: 1 passed, 0 failed\n');
    expect(summary.output).toMatch(
      /✕ tools\/late-error integration: jest exited with code \d+ although none of its tests failed; its last lines:\n(.*\n)*.*thrown after the run/,
    );
    expect(summary.output).toContain('tests: 2 passed, 1 failed, 0 skipped');
  });

  it('count a jest run that ended before writing its results as a failure', () => {
    const broken = project('broken-config', '');
    writeFileSync(join(broken, 'jest.esm.config.cjs'), "throw new Error('no such preset');\n");
    expect(run('scripts/run-jest.mjs', [broken, 'unit']).status).not.toBe(0);

    const summary = run('scripts/summarize-tests.mjs', [workspace]);
    expect(summary.output).toMatch(
      /✕ tools\/broken-config unit: jest exited with code \d+ before writing its results; its last lines:\n(.*\n)*.*no such preset/,
    );
    expect(summary.output).toContain('tests: 2 passed, 2 failed, 0 skipped');
  });

  it('clear the exit record of an earlier failed run when the next run passes', () => {
    const flaky = project('flaky', "test('fails', () => expect(1).toBe(2));\n");
    expect(run('scripts/run-jest.mjs', [flaky, 'unit']).status).not.toBe(0);
    writeFileSync(join(flaky, 'one.spec.cjs'), "test('passes', () => expect(1).toBe(1));\n");
    expect(run('scripts/run-jest.mjs', [flaky, 'unit']).status).toBe(0);

    expect(run('scripts/summarize-tests.mjs', [workspace]).output).toContain(
      'tools/flaky unit: 1 passed, 0 failed\n',
    );
  });

  it('refuse a call without a project and a kind', () => {
    const result = run('scripts/run-jest.mjs', ['tools/workspace-checks', 'e2e']);
    expect(result.status).toBe(2);
    expect(result.output).toContain(
      'usage: node scripts/run-jest.mjs <project root> <unit|integration>',
    );
  });
});
