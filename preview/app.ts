import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { PreviewHostMode } from '../shared/bundle.ts';
import type { Logger } from '../shared/log/index.ts';
import { allowGetAndHead } from './serve-bundle/allow-get-and-head.ts';
import { answerClientError } from './serve-bundle/answer-client-error.ts';
import { plainErrorReplies } from './serve-bundle/plain-error-replies.ts';
import { routePlainUrlsOnly } from './serve-bundle/route-plain-urls-only.ts';
import { securityHeaders } from './serve-bundle/security-headers.ts';
import { serveBundle } from './serve-bundle/serve-bundle.ts';

export interface PreviewAppOptions {
  /** PREVIEWS_DIR, the bundle root shared with the worker; created when missing. */
  previewsDir: string;
  /** PREVIEW_HOST_MODE: `path` (default) serves `/p/<id>/`; `subdomain` serves `<id>.<host of baseUrl>/`. */
  hostMode?: PreviewHostMode;
  /** PREVIEW_BASE_URL; subdomain mode takes the preview host name from it. */
  baseUrl?: string;
  /** The clock preview expiry is judged by; tests move it. Default: the real one. */
  now?: () => Date;
  /** Where errors are logged; `false` or unset logs nothing (tests). Requests themselves are not logged. */
  logger?: Logger | false;
}

/**
 * The preview origin: published bundles under a strict policy, without listen, so tests inject
 * requests or listen on port 0. Generated pages are untrusted; order matters: headers first, then
 * the method gate, then the replies for errors, then the routes.
 */
export async function buildPreviewApp(options: PreviewAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    // One line per request is noise here; errors are still logged (plain-error-replies.ts).
    logController: new LogController({ disableRequestLogging: true }),
    // Behind nginx: take the client address and protocol from X-Forwarded-*.
    trustProxy: true,
    rewriteUrl: routePlainUrlsOnly,
    clientErrorHandler: answerClientError,
  });

  await app.register(securityHeaders);
  await app.register(allowGetAndHead);
  await app.register(plainErrorReplies);
  app.get('/health', { schema: { response: { 200: healthSchema } } }, async () => ({ status: 'ok' }));
  await app.register(serveBundle, {
    previewsDir: options.previewsDir,
    hostMode: options.hostMode,
    previewHost: options.baseUrl ? new URL(options.baseUrl).hostname : undefined,
    now: options.now,
  });
  return app;
}

const healthSchema = {
  type: 'object',
  properties: { status: { type: 'string', const: 'ok' } },
  required: ['status'],
  additionalProperties: false,
} as const;
