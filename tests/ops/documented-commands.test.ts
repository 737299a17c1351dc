import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { usage } from '../../ops/parse-command.ts';

/** The command words of a usage line or a row of the ops table: `parked list [--limit 100]` → `parked list`. */
const commandWords = (line: string) =>
  line
    .split(/\s+/)
    .filter((word) => /^[a-z]+$/.test(word))
    .slice(0, 2)
    .join(' ');

it("docs/operations.md's ops table lists exactly the commands the CLI takes", () => {
  const page = readFileSync(path.resolve(import.meta.dirname, '../../docs/operations.md'), 'utf8');
  const start = page.indexOf('## Operating it: the ops CLI');
  const section = page.slice(start, page.indexOf('\n## ', start + 1));
  const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => commandWords(m[1]!.split(' | ')[0]!));
  const taken = usage()
    .split('\n')
    .filter((line) => /^ {2}[a-z]/.test(line))
    .flatMap((line) => line.trim().split(' | '))
    .map(commandWords);
  expect(new Set(documented)).toEqual(new Set(taken));
});
