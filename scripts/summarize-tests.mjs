// Adds up the jest result files every project wrote and prints one closing line, preceded by
// the name and first error lines of every failed test (the CI log is often read from its tail).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The workspace, or the directory named by the first argument (a test's own apps/libs/tools).
const root = process.argv[2] ?? join(import.meta.dirname, '..');
const FAILURE_LINES = 12;
let passed = 0;
let failed = 0;
let skipped = 0;
let suites = 0;
const failures = [];

/** The first `limit` non-empty lines of `lines`, colours removed, indented under a failure. */
function shown(lines, limit = lines.length) {
  return lines
    .map((line) => line.replace(/\u001b\[[0-9;]*m/g, ''))
    .filter((line) => line.trim() !== '')
    .slice(0, limit)
    .map((line) => `      ${line}`)
    .join('\n');
}

function firstLines(text) {
  return shown(text.split('\n'), FAILURE_LINES);
}

function collectFailures(report) {
  for (const suite of report.testResults ?? []) {
    const file = relative(root, suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) {
      failures.push(
        `  ✕ ${file} › ${test.fullName}\n${firstLines(test.failureMessages.join('\n'))}`,
      );
    }
    if (failedTests.length === 0 && suite.status === 'failed') {
      failures.push(`  ✕ ${file} (the file failed to run)\n${firstLines(suite.message ?? '')}`);
    }
  }
}

// A jest run that exited non-zero (scripts/run-jest.mjs wrote <kind>.exit.json) with no failed
// test in its results, or with no results at all, is one failure named with its last lines.
function collectExit(results, kind, label, report) {
  const exitFile = join(results, `${kind}.exit.json`);
  if (!existsSync(exitFile)) return 0;
  if (report && report.numFailedTests + report.numRuntimeErrorTestSuites > 0) return 0;
  const { code, signal, lastLines } = JSON.parse(readFileSync(exitFile, 'utf8'));
  const why = report ? 'although none of its tests failed' : 'before writing its results';
  console.log(`${label}: jest exited with ${signal ?? `code ${code}`} ${why}  <-- failures`);
  failures.push(
    `  ✕ ${label}: jest exited with ${signal ?? `code ${code}`} ${why}; its last lines:\n` +
      shown(lastLines),
  );
  return 1;
}

for (const group of ['apps', 'libs', 'tools']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const project of readdirSync(dir)) {
    const results = join(dir, project, '.test-results');
    if (!existsSync(results)) continue;
    const names = readdirSync(results);
    for (const kind of ['unit', 'integration']) {
      if (!names.includes(`${kind}.json`))
        failed += collectExit(results, kind, `${group}/${project} ${kind}`, undefined);
    }
    for (const file of names.filter(
      (name) => name.endsWith('.json') && !name.endsWith('.exit.json'),
    )) {
      const r = JSON.parse(readFileSync(join(results, file), 'utf8'));
      const kind = file.replace('.json', '');
      passed += r.numPassedTests;
      skipped += r.numPendingTests;
      failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
      suites += r.numTotalTestSuites;
      const note =
        r.numFailedTests + r.numRuntimeErrorTestSuites > 0
          ? '  <-- failures'
          : r.numPendingTests > 0
            ? `  <-- ${r.numPendingTests} SKIPPED`
            : '';
      console.log(
        `${group}/${project} ${kind}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${note}`,
      );
      collectFailures(r);
      failed += collectExit(results, kind, `${group}/${project} ${kind}`, r);
    }
  }
}
if (failures.length > 0) console.log(`\nfailed:\n${failures.join('\n')}`);
console.log(`\n${suites} test files`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
