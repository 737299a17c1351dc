import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What .ci/run does with the suite's JSON report: one closing line with the counts, and a failure
 * when any test was skipped, since CI installs every tool the suites need.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) =>
    execFile(file, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 180_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
const check = (report: string) => run('node_modules/.bin/tsx', ['scripts/check-test-report.ts', report]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ao-test-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the CI check of the test report', () => {
  it('passes a run where nothing was skipped, with one line of counts', async () => {
    const report = path.join(dir, 'clean.json');
    await writeFile(
      report,
      JSON.stringify({
        numPassedTests: 2,
        numFailedTests: 0,
        testResults: [
          {
            name: `${ROOT}/tests/a.test.ts`,
            assertionResults: [
              { status: 'passed', fullName: 'a' },
              { status: 'passed', fullName: 'b' },
            ],
          },
        ],
      }),
    );
    expect(await check(report)).toEqual({ code: 0, stdout: 'tests: 2 passed, 0 failed, 0 skipped\n', stderr: '' });
  });

  it('fails a real run where a browser suite skipped for want of Chromium, naming the file', async () => {
    const report = path.join(dir, 'no-chromium.json');
    const suite = await run(
      'node_modules/.bin/vitest',
      [
        'run',
        'tests/local/chat-page-in-chromium.test.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ],
      { CHROMIUM_PATH: path.join(dir, 'no-chromium-here') },
    );
    expect(suite.code, suite.stderr).toBe(0);
    expect(suite.stderr).toContain(
      `tests/local/chat-page-in-chromium skipped: no Chromium at ${path.join(dir, 'no-chromium-here')} (Debian: apt-get install chromium)`,
    );

    const checked = await check(report);
    expect(checked.code).toBe(1);
    const skipped = /^tests: 0 passed, 0 failed, (\d+) skipped\n/.exec(checked.stdout)?.[1];
    expect(Number(skipped)).toBeGreaterThan(0);
    expect(checked.stdout).toContain(`tests/local/chat-page-in-chromium.test.ts (${skipped})`);
  });
});
