import type { IncomingMessage } from 'node:http';

/** Nothing is registered here, so a request sent to it lands in the not-found handler. */
const unroutablePath = '/.unroutable';

/**
 * Whether a request target is origin-form (`/…`) with no percent-escape and no backslash in its
 * path. No bundle path and no other route ever needs an escape (bundle paths are `[a-z0-9_.-/]`),
 * so nothing valid is lost, and `%2e%2e`, `%2f`, `%00` and `\` never reach the code that maps a
 * URL to a file.
 */
export function isPlainUrl(url: string): boolean {
  const queryStart = url.indexOf('?');
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  return pathname.startsWith('/') && !pathname.includes('%') && !pathname.includes('\\');
}

/**
 * Fastify `rewriteUrl`: a URL that is not plain (isPlainUrl) goes to the not-found handler before
 * the router sees it. Why: the router answers a malformed escape (`%zz`, `%c0`) or an odd request
 * target with its own 400 that skips every hook, so it would go out without the security headers.
 */
export function routePlainUrlsOnly(request: IncomingMessage): string {
  const url = request.url ?? '/';
  return isPlainUrl(url) ? url : unroutablePath;
}
