import { describe, expect, it } from 'vitest';
import { UsageError } from '../../ops/ops-errors.ts';
import { parseCommandLine } from '../../ops/parse-command.ts';

const JOB_ID = '3f2b8c1e-6a4d-4e8f-9b1a-2c3d4e5f6a7b';

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('the ops command line', () => {
  it('reads a command with its options in any order, and --json anywhere', () => {
    expect(parseCommandLine(['--json', 'jobs', '--limit', '5', '--status', 'failed'])).toEqual({
      help: false,
      json: true,
      command: { name: 'jobs', status: 'failed', chatId: undefined, limit: 5 },
    });
    expect(parseCommandLine(['parked', 'list'])).toEqual({
      help: false,
      json: false,
      command: { name: 'parked-list', limit: 100 },
    });
  });

  it('turns --since 30m, 1h and 2d into milliseconds', () => {
    const since = (text: string) => parseCommandLine(['retry', '--failed', '--since', text]);
    expect(since('30m')).toMatchObject({ command: { name: 'retry-failed', sinceMs: 30 * 60_000 } });
    expect(since('1h')).toMatchObject({ command: { sinceMs: 3_600_000 } });
    expect(since('2d')).toMatchObject({ command: { sinceMs: 2 * 86_400_000 } });
    expect(usageError(['retry', '--failed', '--since', 'yesterday'])).toMatch(/--since: expected a duration/);
  });

  it('tells a single retry from a bulk one, and refuses a mix of both', () => {
    expect(parseCommandLine(['retry', JOB_ID])).toMatchObject({ command: { name: 'retry', jobId: JOB_ID } });
    expect(usageError(['retry', JOB_ID, '--failed', '--since', '1h'])).toMatch(
      /either a job id, or --failed with --since/,
    );
    expect(usageError(['retry', '--failed'])).toMatch(/either a job id/);
    expect(usageError(['retry', 'not-a-uuid'])).toMatch(/<job-id>: expected a job id/);
  });

  it('rejects unknown commands, missing subcommands, foreign options and bad values with one line each', () => {
    expect(usageError(['deploy'])).toBe('unknown command: deploy');
    expect(usageError([])).toBe('no command given');
    expect(usageError(['parked'])).toBe('parked needs a subcommand: list|replay|purge');
    expect(usageError(['webhook', 'reset'])).toBe('unknown command: webhook reset (expected webhook set|info|delete)');
    expect(usageError(['stats', '--limit', '3'])).toBe('stats does not take --limit');
    expect(usageError(['stats', '--verbose'])).toBe("Unknown option '--verbose'");
    expect(usageError(['jobs', '--limit', '0'])).toBe('jobs: --limit: expected at least 1');
    expect(usageError(['jobs', '--status', 'lost'])).toMatch(/^jobs: --status: /);
    expect(usageError(['job'])).toBe('job: expected job <job-id>');
    expect(usageError(['previews', 'purge'])).toMatch(/--expired: required/);
    expect(usageError(['preview', 'delete', '../etc'])).toMatch(/expected a preview id/);
    expect(usageError(['webhook', 'set', '--url', 'http://api.example.com/telegram/webhook'])).toMatch(
      /--url: expected an https:\/\/ URL/,
    );
    expect(usageError(['user', 'block', 'ada'])).toBe('user block: <user-id>: expected a whole number');
  });

  it('answers --help and help with the usage', () => {
    expect(parseCommandLine(['--help'])).toEqual({ help: true });
    expect(parseCommandLine(['help'])).toEqual({ help: true });
  });
});
