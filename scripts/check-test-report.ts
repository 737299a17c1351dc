import { readFileSync } from 'node:fs';
import { z } from 'zod';

// `tsx scripts/check-test-report.ts <vitest JSON report>`, run by .ci/run after the suite: prints one
// plain closing line with the counts, and fails (exit 1) when any test was skipped. The suites that
// need a tool skip where it is missing (Chromium, nginx), each saying so in one line; CI installs
// them all, so a skip there means a wall went untested, and CI must not pass.

const report = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  testResults: z.array(
    z.object({
      name: z.string(),
      assertionResults: z.array(z.object({ status: z.string(), fullName: z.string() })),
    }),
  ),
});

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx scripts/check-test-report.ts <vitest JSON report>\n');
  process.exit(2);
}
const { numPassedTests, numFailedTests, testResults } = report.parse(JSON.parse(readFileSync(file, 'utf8')));
const skippedByFile = testResults
  .map(({ name, assertionResults }) => ({
    name: name.replace(`${process.cwd()}/`, ''),
    skipped: assertionResults.filter(({ status }) => status !== 'passed' && status !== 'failed').length,
  }))
  .filter(({ skipped }) => skipped > 0);
const skipped = skippedByFile.reduce((sum, { skipped: n }) => sum + n, 0);

process.stdout.write(`tests: ${numPassedTests} passed, ${numFailedTests} failed, ${skipped} skipped\n`);
if (skipped > 0) {
  process.stdout.write(
    `CI runs every suite, and ${skipped} tests were skipped: ${skippedByFile
      .map(({ name, skipped: n }) => `${name} (${n})`)
      .join(', ')}. Install what they need (their skip lines above say what) and run again.\n`,
  );
  process.exit(1);
}
