import { existsSync } from 'node:fs';
import { beforeEach } from 'vitest';

/**
 * Chromium for the browser suites (driven with playwright-core). CHROMIUM_PATH points the suites
 * at another binary, e.g. to check what happens where there is none.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What installs it where it is missing. */
export const CHROMIUM_INSTALL = 'apt-get install chromium';

/**
 * For a browser suite, at the top of the file: when Chromium is missing, prints one line saying so
 * and naming the install command, and skips every test of the file, as the nginx suites do without
 * nginx. Returns true then, so the file's beforeAll starts nothing (its first line returns).
 * `.ci/run` installs Chromium and fails if any suite was skipped.
 */
export function skipWithoutChromium(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return false;
  const reason = `${suite} skipped: no Chromium at ${CHROMIUM_PATH} (Debian: ${CHROMIUM_INSTALL})`;
  console.warn(reason);
  beforeEach((context) => context.skip(reason));
  return true;
}
