import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../shared/log/index.ts';
import type { PreviewHostMode } from '../../shared/previews/index.ts';
import {
  goneAnswer,
  isNotModified,
  notFoundAnswer,
  redirectAnswer,
  refusedAnswer,
  unavailableAnswer,
  writeAnswer,
  type Answer,
} from './answers.ts';
import { parseBundleUrl, parseSubdomainUrl, type BundleRequest } from './parse-bundle-url.ts';
import type { CachedFile, PreviewCache, PreviewState } from './preview-cache.ts';
import { isPlainUrl } from './route-plain-urls-only.ts';

export interface ServePreviewsOptions {
  cache: PreviewCache;
  /** `path` (default): `/p/<id>/…` on one origin. `subdomain`: `<id>.<previewHost>/…`, one origin per preview. */
  hostMode: PreviewHostMode;
  /** Host name of PREVIEW_BASE_URL; subdomain mode serves `<previewId>.<previewHost>` only. */
  previewHost: string | undefined;
  /** The clock expiry is judged by (tests move it). */
  now: () => Date;
  log?: Logger;
  /** Called once per answer, with its status and how long it took (the request metrics). */
  onAnswer?: (status: number, seconds: number) => void;
}

/** What a preview's state says about a request: a fixed answer, or which version's file to send. */
type Plan = { answer: Answer } | { answer?: undefined; version: number; publishedAt: Date; filePath: string };

/**
 * `GET|HEAD /p/<previewId>/…` (or, in subdomain mode, `/…` on `<previewId>.<preview host>`), the
 * latest version, and `…/v/<n>/…`, version n — answered here, before fastify: a request handler
 * that returns false for anything else (other methods, /health, names that are no preview's,
 * URLs with escapes), which fastify then answers. Our code decides which file (parse the raw URL
 * by the bundle rules, pick the version), whether the preview is still alive (else 410 at every
 * version, never the old content) and whether a page holds markup no CSP can stop (else 403);
 * Content-Type comes from the bundle rules' own table. A file in memory, with a state fresh enough
 * (preview-cache.ts), is answered at once from answers built when it was read; anything else waits
 * for storage, at most PREVIEW_READ_TIMEOUT_MS, and a storage that fails or is too slow gets a 503
 * with Retry-After — never a hang, never a stack.
 */
export function createPreviewHandler(options: ServePreviewsOptions) {
  const { cache } = options;
  if (options.hostMode === 'subdomain' && !options.previewHost)
    throw new Error('subdomain mode needs the preview host name');
  const parse = (request: IncomingMessage): BundleRequest | null =>
    options.hostMode === 'subdomain'
      ? parseSubdomainUrl(request.url!, request.headers.host, options.previewHost!)
      : parseBundleUrl(request.url!);

  const plan = (state: PreviewState, target: BundleRequest): Plan => {
    if (state.gone || (state.expiresAt !== undefined && state.expiresAt <= options.now().getTime()))
      return { answer: goneAnswer };
    if (target.kind === 'add-trailing-slash') return { answer: redirectAnswer(target.location) };
    const version = target.version === 'latest' ? state.latest : target.version;
    const publishedAt = version === undefined ? undefined : state.versions.get(version);
    return publishedAt === undefined
      ? { answer: notFoundAnswer }
      : { version: version!, publishedAt, filePath: target.filePath };
  };

  const fileAnswer = (file: CachedFile, request: IncomingMessage): Answer => {
    if (file.refused) return refusedAnswer;
    const { answers } = file;
    const { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince } = request.headers;
    return isNotModified(answers, ifNoneMatch, ifModifiedSince) ? answers.notModified : answers.ok;
  };

  async function answerAfterReading(
    target: BundleRequest,
    request: IncomingMessage,
    state: PreviewState | undefined,
  ): Promise<Answer> {
    try {
      let known = state;
      let decided = known && plan(known, target);
      // Not known, too old, or about to say "not found" on an old read: read the state again first.
      if (!known || !decided || (decided.answer === notFoundAnswer && !cache.canRefuse(known))) {
        known = await cache.readState(target.previewId);
        decided = plan(known, target);
      }
      if (decided.answer) return decided.answer;
      const { version, filePath, publishedAt } = decided;
      const file =
        cache.peekFile(target.previewId, version, filePath) ??
        (await cache.readFile(target.previewId, version, filePath, publishedAt));
      if (file) return fileAnswer(file, request);
      // A file missing from a version the state lists may mean the preview is being removed right
      // now (tombstone first, then the files): an old state is read again, so that says 410, not 404.
      if (!cache.canRefuse(known))
        return plan(await cache.readState(target.previewId), target).answer ?? notFoundAnswer;
      return notFoundAnswer;
    } catch (error) {
      options.log?.error({ err: error, previewId: target.previewId }, 'preview storage failed; answered 503');
      return unavailableAnswer;
    }
  }

  return function servePreview(request: IncomingMessage, response: ServerResponse): boolean {
    const { method } = request;
    if ((method !== 'GET' && method !== 'HEAD') || !isPlainUrl(request.url ?? '')) return false;
    const target = parse(request);
    if (!target) return false;
    const started = performance.now();
    const finish = (answer: Answer) => {
      writeAnswer(response, answer, method);
      options.onAnswer?.(answer.status, (performance.now() - started) / 1000);
    };

    // The hot path: everything already in memory, no promise, no storage.
    const state = cache.peekState(target.previewId);
    if (state) {
      const decided = plan(state, target);
      if (decided.answer && (decided.answer !== notFoundAnswer || cache.canRefuse(state))) {
        finish(decided.answer);
        return true;
      }
      if (!decided.answer) {
        const file = cache.peekFile(target.previewId, decided.version, decided.filePath);
        if (file) {
          finish(fileAnswer(file, request));
          return true;
        }
      }
    }
    answerAfterReading(target, request, state)
      .then(finish)
      .catch((error: unknown) => {
        // Writing failed (the client went away in a way the socket did not absorb): nothing left to answer.
        options.log?.warn({ err: error }, 'could not write a preview answer');
        response.destroy();
      });
    return true;
  };
}
