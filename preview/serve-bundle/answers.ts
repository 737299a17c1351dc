import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { securityHeaders } from './security-headers.ts';

/**
 * One answer of the preview server, built once and written as is: status, every header (security
 * headers included) as a flat [name, value, …] list, and the body. Published versions never change,
 * so a file's answers (200 and 304) are built when it is first read and kept with it.
 */
export interface Answer {
  status: number;
  headers: string[];
  body: Buffer;
}

/** A bundle file's two answers, and what a revalidation is compared with. */
export interface FileAnswers {
  ok: Answer;
  notModified: Answer;
  /** Strong, from the content: equal ETags mean equal bytes. */
  etag: string;
  /** Last-Modified in ms, whole seconds (what the header can say). */
  lastModifiedMs: number;
}

const securityHeaderList = Object.entries(securityHeaders).flat();

function answer(status: number, headers: Record<string, string>, body: Buffer | string = ''): Answer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const list = [...securityHeaderList, ...Object.entries(headers).flat()];
  if (status !== 304) list.push('content-length', String(bytes.length));
  return { status, headers: list, body: status === 304 ? Buffer.alloc(0) : bytes };
}

/**
 * A file's answers: revalidated on every view (`no-cache`, cheap thanks to the ETag), so once a
 * preview expires or is deleted the next view gets the 410 instead of a cached copy, from the
 * browser and any shared cache.
 */
export function fileAnswers(body: Buffer, contentType: string, publishedAt: Date): FileAnswers {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const lastModifiedMs = Math.floor(publishedAt.getTime() / 1000) * 1000;
  const headers = {
    'content-type': contentType,
    etag,
    'last-modified': new Date(lastModifiedMs).toUTCString(),
    'cache-control': 'no-cache',
  };
  return { ok: answer(200, headers, body), notModified: answer(304, headers), etag, lastModifiedMs };
}

/**
 * Whether a request's validators match the file (RFC 9110 §13.1.2: If-None-Match wins over
 * If-Modified-Since), so it gets a 304.
 */
export function isNotModified(
  file: FileAnswers,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag);
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && since >= file.lastModifiedMs;
}

/** A page with fixed text, nothing from any bundle. */
function page(title: string, text: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body { font: 1.1rem/1.5 system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #333; }</style>
</head>
<body>
<h1>${title}</h1>
<p>${text}</p>
</body>
</html>
`;
}

const html = 'text/html; charset=utf-8';
const text = 'text/plain; charset=utf-8';
// None of these is ever cached: a 404 can turn into a preview a moment later, the others need not be remembered.
const noStore = 'no-store';

/** 410: the preview expired or was deleted. */
export const goneAnswer = answer(
  410,
  { 'content-type': html, 'cache-control': noStore },
  page('This preview is gone', 'It expired or was removed. Ask the bot for a new site.'),
);

/** 403: the file holds markup no published preview has (refuse-unstoppable-markup.ts). */
export const refusedAnswer = answer(
  403,
  { 'content-type': html, 'cache-control': noStore },
  page('This preview cannot be shown', 'It holds content this server does not show.'),
);

/** 404, as fastify's not-found handler says it too (plain-error-replies.ts). */
export const notFoundAnswer = answer(404, { 'content-type': text, 'cache-control': noStore }, 'Not Found\n');

/** 503: storage did not answer in time (or failed); worth asking again in a second. */
export const unavailableAnswer = answer(
  503,
  { 'content-type': text, 'cache-control': noStore, 'retry-after': '1' },
  'Service Unavailable\n',
);

/** 301 to the same URL with a slash: relative links in a page only resolve inside its own folder. */
export function redirectAnswer(location: string): Answer {
  return answer(301, { location, 'cache-control': noStore });
}

/** Writes an answer; HEAD gets the headers of GET and no body. */
export function writeAnswer(response: ServerResponse, reply: Answer, method: string | undefined): void {
  response.writeHead(reply.status, reply.headers);
  response.end(method === 'HEAD' ? undefined : reply.body);
}
