import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { usage } from '../../ops/parse-command.ts';

/** The command words of a usage line or a README row: `parked list [--limit 100]` → `parked list`. */
const commandWords = (line: string) =>
  line
    .split(/\s+/)
    .filter((word) => /^[a-z]+$/.test(word))
    .slice(0, 2)
    .join(' ');

it("README's ops table lists exactly the commands the CLI takes", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Operating it: the ops CLI'), readme.indexOf('## Performance'));
  const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => commandWords(m[1]!.split(' | ')[0]!));
  const taken = usage()
    .split('\n')
    .filter((line) => /^ {2}[a-z]/.test(line))
    .flatMap((line) => line.trim().split(' | '))
    .map(commandWords);
  expect(new Set(documented)).toEqual(new Set(taken));
});
