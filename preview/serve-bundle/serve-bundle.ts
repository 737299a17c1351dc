import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bundleFileType, bundleFileTypes, type PreviewHostMode } from '../../shared/bundle.ts';
import { isPreviewGone } from '../../shared/preview-lifecycle.ts';
import { latestVersion } from '../../shared/preview-versions.ts';
import { replyGone, replyRefused } from './fixed-pages.ts';
import { parseBundleUrl, parseSubdomainUrl, type BundleRequest } from './parse-bundle-url.ts';
import { createMarkupGate } from './refuse-unstoppable-markup.ts';
import { openBundlesRoot, resolveBundleFile } from './resolve-bundle-file.ts';

export interface ServeBundleOptions {
  /** PREVIEWS_DIR: one folder per preview, its versions in `<previewId>/v/<n>/` (shared/preview-versions.ts). */
  previewsDir: string;
  /** `path` (default): `/p/<id>/…` on one origin. `subdomain`: `<id>.<previewHost>/…`, one origin per preview. */
  hostMode?: PreviewHostMode;
  /** Host name of PREVIEW_BASE_URL; subdomain mode serves `<previewId>.<previewHost>` only. */
  previewHost?: string;
  /** The clock expiry is judged by (tests move it). */
  now?: () => Date;
}

/**
 * `GET|HEAD /p/<previewId>/…` (or, in subdomain mode, `/…` on `<previewId>.<preview host>`) serves
 * the latest version, `…/v/<n>/…` version n. Our code decides which file (parse the raw URL, pick
 * the version, walk the folders without following symlinks), whether the preview is still alive
 * (else 410 at every version, never the old content) and whether a page holds markup no CSP can
 * stop (else 403); @fastify/static only sends it — length, ETag, Last-Modified, ranges and 304s.
 * Content-Type comes from the bundle rules' own table. It never picks files itself: no wildcard
 * lookup, no listing, no index search.
 */
export async function serveBundle(app: FastifyInstance, options: ServeBundleOptions): Promise<void> {
  const bundlesRoot = await openBundlesRoot(options.previewsDir);
  const hostMode = options.hostMode ?? 'path';
  const now = options.now ?? (() => new Date());
  const markupGate = createMarkupGate();
  if (hostMode === 'subdomain' && !options.previewHost) throw new Error('subdomain mode needs the preview host name');

  await app.register(fastifyStatic, {
    root: bundlesRoot,
    serve: false,
    list: false,
    index: false,
    redirect: false,
    dotfiles: 'deny',
    etag: true,
    lastModified: true,
    // Set from bundleFileTypes in the handler, not guessed from a mime database.
    contentType: false,
    // Set in setHeaders: "public, max-age=0" is not what we want.
    cacheControl: false,
    // Runs only when a file (or its 304) actually goes out, never on an error reply.
    setHeaders(response) {
      // Revalidate on every view (cheap, thanks to the ETag): once a preview expires or is deleted,
      // the next view gets the 410 instead of a cached copy, from the browser and any shared cache.
      response.setHeader('cache-control', 'no-cache');
    },
  });

  const parse = (request: FastifyRequest): BundleRequest | null =>
    hostMode === 'subdomain'
      ? parseSubdomainUrl(request.url, request.headers.host, options.previewHost!)
      : parseBundleUrl(request.url);

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = parse(request);
    if (!target) return reply.callNotFound();
    if (await isPreviewGone(bundlesRoot, target.previewId, now())) return replyGone(reply);
    if (target.kind === 'add-trailing-slash') return reply.redirect(target.location, 301);

    // Read on every request: a new version shows at the plain URL the moment its folder appears.
    const version = target.version === 'latest' ? await latestVersion(bundlesRoot, target.previewId) : target.version;
    if (version === undefined) return reply.callNotFound();
    const relativePath = await resolveBundleFile(bundlesRoot, target.previewId, version, target.filePath);
    if (!relativePath) return reply.callNotFound();
    const type = bundleFileType(target.filePath)!;
    if (type === 'html' || type === 'svg') {
      const problem = await markupGate.problemIn(path.join(bundlesRoot, relativePath));
      if (problem) {
        request.log.warn(
          { previewId: target.previewId, version, file: target.filePath, problem },
          'refused a preview file the sanitizer cannot have written',
        );
        return replyRefused(reply);
      }
    }
    reply.type(bundleFileTypes[type].contentType);
    return reply.sendFile(relativePath);
  };

  // Subdomain mode: every path of the preview's own host (`/health` stays registered before this).
  app.get(hostMode === 'subdomain' ? '/*' : '/p/*', serve);
}
