// Adds up the jest result files every project wrote and prints one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
let passed = 0;
let failed = 0;
let skipped = 0;
let suites = 0;
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
    }
  }
}
console.log(`\n${suites} test files`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
