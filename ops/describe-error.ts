import { maskSecrets } from '../shared/log/index.ts';

/** PostgreSQL's "undefined table": the database is older than this code. */
const UNDEFINED_TABLE = '42P01';

/**
 * One line for stderr, never a stack trace and never a secret (a Bot API error can quote the
 * request; the URL carries the token).
 */
export function describeError(error: unknown, secrets: Array<string | undefined>): string {
  const e = error as { message?: string; code?: string; errors?: Array<{ message?: string }> };
  // pg reports a refused connection as an AggregateError with an empty message.
  let text = e?.message || e?.errors?.[0]?.message || e?.code || String(error);
  if (e?.code === UNDEFINED_TABLE) text += ' (are the migrations applied? npm run migrate)';
  return maskSecrets(
    text.replace(/\s+/g, ' ').trim(),
    secrets.filter((s): s is string => Boolean(s)),
  );
}
