import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { parseBundleUrl } from './parse-bundle-url.ts';
import { openBundlesRoot, resolveBundleFile } from './resolve-bundle-file.ts';

export interface ServeBundleOptions {
  /** PREVIEWS_DIR: holds one folder per preview, `<previewId>/index.html`, `styles.css`, … */
  previewsDir: string;
}

/**
 * `GET|HEAD /p/<previewId>/…`: our code decides which file (parse the raw URL, walk the folders
 * without following symlinks); @fastify/static only sends it — type, length, ETag, Last-Modified,
 * ranges and 304s. It never picks files itself: no wildcard route, no listing, no index lookup.
 */
export async function serveBundle(app: FastifyInstance, options: ServeBundleOptions): Promise<void> {
  const bundlesRoot = await openBundlesRoot(options.previewsDir);

  await app.register(fastifyStatic, {
    root: bundlesRoot,
    serve: false,
    list: false,
    index: false,
    redirect: false,
    dotfiles: 'deny',
    etag: true,
    lastModified: true,
    // Set in setHeaders: "public, max-age=0" is not what we want.
    cacheControl: false,
    // Runs only when a file (or its 304) actually goes out, never on an error reply.
    setHeaders(response) {
      // A preview can be replaced or removed at any time: revalidate (cheap, thanks to the ETag) on every view.
      response.setHeader('cache-control', 'no-cache');
    },
  });

  app.get('/p/*', async (request, reply) => {
    const target = parseBundleUrl(request.url);
    if (!target) return reply.callNotFound();
    if (target.kind === 'add-trailing-slash') return reply.redirect(`/p/${target.previewId}/`, 301);

    const relativePath = await resolveBundleFile(bundlesRoot, target.previewId, target.filePath);
    if (!relativePath) return reply.callNotFound();
    return reply.sendFile(relativePath);
  });
}
