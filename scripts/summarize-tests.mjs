// Adds up the jest result files every project wrote and prints one closing line, preceded by
// the name and first error lines of every failed test (the CI log is often read from its tail).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const FAILURE_LINES = 12;
let passed = 0;
let failed = 0;
let skipped = 0;
let suites = 0;
const failures = [];

function firstLines(text) {
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, FAILURE_LINES)
    .map((line) => `      ${line}`)
    .join('\n');
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

for (const group of ['apps', 'libs', 'tools']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const project of readdirSync(dir)) {
    const results = join(dir, project, '.test-results');
    if (!existsSync(results)) continue;
    for (const file of readdirSync(results).filter((name) => name.endsWith('.json'))) {
      const r = JSON.parse(readFileSync(join(results, file), 'utf8'));
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
        `${group}/${project} ${file.replace('.json', '')}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${note}`,
      );
      collectFailures(r);
    }
  }
}
if (failures.length > 0) console.log(`\nfailed:\n${failures.join('\n')}`);
console.log(`\n${suites} test files`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
