import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../shared/log/index.ts';
import type { PreviewHostMode, PreviewStorage } from '../shared/previews/index.ts';
import { allowGetAndHead } from './serve-bundle/allow-get-and-head.ts';
import { answerClientError } from './serve-bundle/answer-client-error.ts';
import { plainErrorReplies } from './serve-bundle/plain-error-replies.ts';
import { createPreviewCache } from './serve-bundle/preview-cache.ts';
import { routePlainUrlsOnly } from './serve-bundle/route-plain-urls-only.ts';
import { securityHeadersPlugin } from './serve-bundle/security-headers.ts';
import { createPreviewHandler } from './serve-bundle/serve-previews.ts';

export interface PreviewAppOptions {
  /** Where the published previews are (read only). */
  storage: PreviewStorage;
  /** PREVIEW_HOST_MODE: `path` (default) serves `/p/<id>/`; `subdomain` serves `<id>.<host of baseUrl>/`. */
  hostMode?: PreviewHostMode;
  /** PREVIEW_BASE_URL; subdomain mode takes the preview host name from it. */
  baseUrl?: string;
  /** PREVIEW_CACHE_MB in bytes. Default 64 MiB. */
  cacheBytes?: number;
  /** PREVIEW_READ_TIMEOUT_MS. Default 3000. */
  readTimeoutMs?: number;
  /** The clock preview expiry is judged by; tests move it. Default: the real one. */
  now?: () => Date;
  /** Where errors are logged; `false` or unset logs nothing (tests). Requests themselves are not logged. */
  logger?: Logger | false;
  /** Called for every preview file answer (they never reach fastify's hooks): the request metrics. */
  onAnswer?: (status: number, seconds: number) => void;
}

/**
 * The preview origin: published bundles under a strict policy, without listen, so tests listen on
 * port 0. Generated pages are untrusted. Preview files are answered before fastify, by a plain
 * request handler in front of it (serve-previews.ts): they are most of the traffic, and a cached
 * answer is written as built, without fastify's per-request work. So `app.inject` reaches only
 * what fastify answers: /health, the 404s, 405s and error replies — with the same security
 * headers. Order matters there: headers first, then the method gate, then the error replies.
 */
export async function buildPreviewApp(options: PreviewAppOptions): Promise<FastifyInstance> {
  const logger = options.logger || undefined;
  const servePreview = createPreviewHandler({
    cache: createPreviewCache({
      storage: options.storage,
      maxBytes: options.cacheBytes ?? 64 * 1024 * 1024,
      readTimeoutMs: options.readTimeoutMs ?? 3000,
      log: logger,
    }),
    hostMode: options.hostMode ?? 'path',
    previewHost: options.baseUrl ? new URL(options.baseUrl).hostname : undefined,
    now: options.now ?? (() => new Date()),
    log: logger,
    onAnswer: options.onAnswer,
  });
  const app = Fastify<Server, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // One line per request is noise here; errors are still logged (plain-error-replies.ts).
    logController: new LogController({ disableRequestLogging: true }),
    // Behind nginx: take the client address and protocol from X-Forwarded-*.
    trustProxy: true,
    serverFactory: (fastifyHandler) =>
      createServer((request, response) => {
        if (!servePreview(request, response)) fastifyHandler(request, response);
      }),
    rewriteUrl: routePlainUrlsOnly,
    clientErrorHandler: answerClientError,
  });

  await app.register(securityHeadersPlugin);
  await app.register(allowGetAndHead);
  await app.register(plainErrorReplies);
  app.get('/health', { schema: { response: { 200: healthSchema } } }, () => ({ status: 'ok' }));
  return app;
}

const healthSchema = {
  type: 'object',
  properties: { status: { type: 'string', const: 'ok' } },
  required: ['status'],
  additionalProperties: false,
} as const;
