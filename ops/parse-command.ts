import { parseArgs } from 'node:util';
import { z } from 'zod';
import { previewIdPattern } from '../shared/previews/index.ts';
import type { JobStatus } from '../shared/db/schema.ts';
import { JOB_STATUSES } from '../shared/jobs/index.ts';
import { UsageError } from './ops-errors.ts';

export type Command =
  | { name: 'stats' }
  | { name: 'jobs'; status: JobStatus | undefined; chatId: number | undefined; limit: number }
  | { name: 'job'; jobId: string }
  | { name: 'retry'; jobId: string }
  | { name: 'retry-failed'; sinceMs: number }
  | { name: 'parked-list'; limit: number }
  | { name: 'parked-replay' }
  | { name: 'parked-purge' }
  | { name: 'previews-purge-expired' }
  | { name: 'preview-delete'; previewId: string }
  | { name: 'webhook-set'; url: string | undefined }
  | { name: 'webhook-info' }
  | { name: 'webhook-delete' }
  | { name: 'user-block'; userId: number; reason: string | undefined }
  | { name: 'user-unblock'; userId: number }
  | { name: 'backup'; file: string }
  | { name: 'restore'; file: string };

export type ParsedCommandLine = { help: true } | { help: false; command: Command; json: boolean };

/** Every option any command takes; each command lists the ones it accepts. */
const optionTypes = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  status: { type: 'string' },
  chat: { type: 'string' },
  limit: { type: 'string' },
  failed: { type: 'boolean' },
  since: { type: 'string' },
  expired: { type: 'boolean' },
  url: { type: 'string' },
  reason: { type: 'string' },
} as const;

type OptionName = keyof typeof optionTypes;

/**
 * What a command accepts, keyed the way it is written (`<job-id>`, `--limit`) so a zod issue's path
 * is already the operator's word for the bad value.
 */
type Input = Record<string, string | boolean | undefined>;

interface CommandSpec {
  words: string[];
  /** Positional arguments after the words, by name; a trailing `?` makes one optional. */
  args: string[];
  options: OptionName[];
  usage: string;
  summary: string;
  schema: z.ZodType<Command, Input>;
}

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`));

const durationUnitsMs = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** `30m`, `1h`, `2d` → milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^\d{1,6}[smhd]$/, 'expected a duration such as 30m, 1h or 2d')
  .transform((text) => Number(text.slice(0, -1)) * durationUnitsMs[text.slice(-1) as keyof typeof durationUnitsMs]);

const jobId = z.uuid('expected a job id (a UUID)');
/** Telegram user ids are positive and fit in 52 bits. */
const userId = wholeNumber(1, Number.MAX_SAFE_INTEGER);
const limit = wholeNumber(1, 1000);
const webhookUrl = z.url({
  protocol: /^https$/,
  error: 'expected an https:// URL (Telegram calls webhooks over HTTPS only)',
});

const backupFile = z.string().min(1, 'expected a file name');

const specs: CommandSpec[] = [
  {
    words: ['stats'],
    args: [],
    options: [],
    usage: 'stats',
    summary: 'jobs by status, p50/p95 duration, tokens and cost (last hour, day); queue, parking and outbox depth',
    schema: z.object({}).transform(() => ({ name: 'stats' as const })),
  },
  {
    words: ['jobs'],
    args: [],
    options: ['status', 'chat', 'limit'],
    usage: 'jobs [--status queued|running|done|failed|cancelled] [--chat <chat-id>] [--limit 20]',
    summary: 'recent jobs, newest first',
    schema: z
      .object({
        '--status': z.enum(JOB_STATUSES).optional(),
        '--chat': z
          .string()
          .regex(/^-?\d{1,16}$/, 'expected a chat id')
          .transform(Number)
          .optional(),
        '--limit': limit.default(20),
      })
      .transform((o) => ({ name: 'jobs' as const, status: o['--status'], chatId: o['--chat'], limit: o['--limit'] })),
  },
  {
    words: ['job'],
    args: ['<job-id>'],
    options: [],
    usage: 'job <job-id>',
    summary: 'one job with its attempts, preview, quality check and outbox rows',
    schema: z.object({ '<job-id>': jobId }).transform((o) => ({ name: 'job' as const, jobId: o['<job-id>'] })),
  },
  {
    words: ['retry'],
    args: ['<job-id>?'],
    options: ['failed', 'since'],
    usage: 'retry <job-id> | retry --failed --since 1h',
    summary: 're-queue one failed job, or every job that failed in the window (30m, 1h, 2d)',
    schema: z
      .object({
        '<job-id>': jobId.optional(),
        '--failed': z.boolean().optional(),
        '--since': durationSchema.optional(),
      })
      .transform((o, ctx): Command => {
        if (o['<job-id>'] && !o['--failed'] && o['--since'] === undefined)
          return { name: 'retry', jobId: o['<job-id>'] };
        if (!o['<job-id>'] && o['--failed'] && o['--since'] !== undefined)
          return { name: 'retry-failed', sinceMs: o['--since'] };
        ctx.addIssue({
          code: 'custom',
          message: 'give either a job id, or --failed with --since (e.g. --failed --since 1h)',
        });
        return z.NEVER;
      }),
  },
  {
    words: ['parked', 'list'],
    args: [],
    options: ['limit'],
    usage: 'parked list [--limit 100]',
    summary: 'messages in the parking queue, with why they were parked (they stay there)',
    schema: z
      .object({ '--limit': limit.default(100) })
      .transform((o) => ({ name: 'parked-list' as const, limit: o['--limit'] })),
  },
  {
    words: ['parked', 'replay'],
    args: [],
    options: [],
    usage: 'parked replay',
    summary: 'move parked job messages back to the jobs queue; unreadable ones stay parked',
    schema: z.object({}).transform(() => ({ name: 'parked-replay' as const })),
  },
  {
    words: ['parked', 'purge'],
    args: [],
    options: [],
    usage: 'parked purge',
    summary: 'empty the parking queue',
    schema: z.object({}).transform(() => ({ name: 'parked-purge' as const })),
  },
  {
    words: ['previews', 'purge'],
    args: [],
    options: ['expired'],
    usage: 'previews purge --expired',
    summary: 'delete the files of every expired (or deleted) preview now, instead of at the next sweep',
    schema: z
      .object({ '--expired': z.literal(true, 'required: only expired previews are purged') })
      .transform(() => ({ name: 'previews-purge-expired' as const })),
  },
  {
    words: ['preview', 'delete'],
    args: ['<preview-id>'],
    options: [],
    usage: 'preview delete <preview-id>',
    summary: 'take one preview offline for good (410) and delete its files',
    schema: z
      .object({ '<preview-id>': z.string().regex(previewIdPattern, 'expected a preview id (26 characters a-z, 2-7)') })
      .transform((o) => ({ name: 'preview-delete' as const, previewId: o['<preview-id>'] })),
  },
  {
    words: ['webhook', 'set'],
    args: [],
    options: ['url'],
    usage: 'webhook set [--url https://<api domain>/telegram/webhook]',
    summary:
      "register the webhook with the secret, allowed updates and max connections (default URL: WEBHOOK_URL); set the bot's description",
    schema: z
      .object({ '--url': webhookUrl.optional() })
      .transform((o) => ({ name: 'webhook-set' as const, url: o['--url'] })),
  },
  {
    words: ['webhook', 'info'],
    args: [],
    options: [],
    usage: 'webhook info',
    summary: 'what Telegram reports about the webhook: URL, pending updates, last error',
    schema: z.object({}).transform(() => ({ name: 'webhook-info' as const })),
  },
  {
    words: ['webhook', 'delete'],
    args: [],
    options: [],
    usage: 'webhook delete',
    summary: 'remove the webhook (pending updates are kept)',
    schema: z.object({}).transform(() => ({ name: 'webhook-delete' as const })),
  },
  {
    words: ['user', 'block'],
    args: ['<user-id>'],
    options: ['reason'],
    usage: 'user block <user-id> [--reason <text>]',
    summary: 'the bot refuses this Telegram user: no new jobs, a short reply',
    schema: z
      .object({ '<user-id>': userId, '--reason': z.string().min(1).max(500).optional() })
      .transform((o) => ({ name: 'user-block' as const, userId: o['<user-id>'], reason: o['--reason'] })),
  },
  {
    words: ['user', 'unblock'],
    args: ['<user-id>'],
    options: [],
    usage: 'user unblock <user-id>',
    summary: 'lift a block',
    schema: z
      .object({ '<user-id>': userId })
      .transform((o) => ({ name: 'user-unblock' as const, userId: o['<user-id>'] })),
  },
  {
    words: ['backup'],
    args: ['<file>'],
    options: [],
    usage: 'backup <file>',
    summary: 'embedded database only: write a consistent copy to <file> (.tar.gz), also while npm start runs',
    schema: z.object({ '<file>': backupFile }).transform((o) => ({ name: 'backup' as const, file: o['<file>'] })),
  },
  {
    words: ['restore'],
    args: ['<file>'],
    options: [],
    usage: 'restore <file>',
    summary: 'embedded database only, npm start stopped: replace it with a backup (the current one is kept beside it)',
    schema: z.object({ '<file>': backupFile }).transform((o) => ({ name: 'restore' as const, file: o['<file>'] })),
  },
];

/**
 * Reads `process.argv.slice(2)`: `<command words> [arguments] [--options] [--json]`, options in
 * any position. Throws UsageError with one line saying what is wrong.
 */
export function parseCommandLine(argv: string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: optionTypes, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // node:util names the option and the problem. For an unknown option its advice (put it after
    // `--`) does not apply here, so only the first sentence is kept.
    const { message, code } = error as Error & { code?: string };
    const text = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? message.split(/\.\s/)[0]! : message;
    throw new UsageError(text.replace(/\s+/g, ' '));
  }
  const { values, positionals, tokens } = parsed;
  if (values.help || positionals[0] === 'help') return { help: true };
  if (positionals.length === 0) throw new UsageError('no command given');

  const spec = findSpec(positionals);
  const given = [...new Set(tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : [])))];
  const foreign = given.filter((name) => name !== 'json' && !spec.options.includes(name));
  if (foreign.length > 0)
    throw new UsageError(`${spec.words.join(' ')} does not take ${foreign.map((name) => `--${name}`).join(', ')}`);

  const rest = positionals.slice(spec.words.length);
  const required = spec.args.filter((arg) => !arg.endsWith('?')).length;
  if (rest.length < required || rest.length > spec.args.length) {
    throw new UsageError(`${spec.words.join(' ')}: expected ${spec.usage}`);
  }
  const input: Input = {};
  spec.args.forEach((arg, i) => (input[arg.replace(/\?$/, '')] = rest[i]));
  for (const name of spec.options) input[`--${name}`] = values[name];

  const result = spec.schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new UsageError(`${spec.words.join(' ')}: ${where}${issue.message}`);
  }
  return { help: false, command: result.data, json: values.json ?? false };
}

/** The command whose words start the positionals; `parked` alone names its subcommands. */
function findSpec(positionals: string[]): CommandSpec {
  const matches = specs.filter((spec) => spec.words.every((word, i) => positionals[i] === word));
  if (matches.length > 0) return matches.sort((a, b) => b.words.length - a.words.length)[0]!;
  const group = specs.filter((spec) => spec.words.length > 1 && spec.words[0] === positionals[0]);
  if (group.length > 0) {
    const choices = group.map((spec) => spec.words[1]).join('|');
    throw new UsageError(
      positionals[1]
        ? `unknown command: ${positionals[0]} ${positionals[1]} (expected ${positionals[0]} ${choices})`
        : `${positionals[0]} needs a subcommand: ${choices}`,
    );
  }
  throw new UsageError(`unknown command: ${positionals[0]}`);
}

/** The usage text, from the same table the parser reads. */
export function usage(): string {
  return [
    'usage: npm run ops -- <command> [arguments] [--json]',
    '',
    ...specs.flatMap((spec) => [`  ${spec.usage}`, `      ${spec.summary}`]),
    '',
    'Tables by default; --json prints one JSON document for scripts. Exit codes: 0 done, 1 failed, 2 bad command line.',
  ].join('\n');
}
