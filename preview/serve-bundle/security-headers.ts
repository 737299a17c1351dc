import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The preview origin's policy, byte for byte as design.md states it. No script of any kind, nothing
 * loaded from another origin, and `sandbox` without `allow-scripts`/`allow-same-origin` gives the page
 * an opaque origin even if a script ever slipped past the sanitizer.
 */
export const previewContentSecurityPolicy =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox";

/**
 * What every preview response carries (design.md, "Preview security"). Note what CORP `same-origin`
 * plus CSP `sandbox` imply: the page runs in an opaque origin, so even its own stylesheet or image
 * files count as cross-origin loads and are blocked. Published pages are therefore self-contained
 * (the worker inlines stylesheets; images are data: URLs).
 */
export const requiredSecurityHeaders = {
  'content-security-policy': previewContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-robots-tag': 'noindex, nofollow',
} as const;

/**
 * Puts the policy on every response, 404s and 405s included: onRequest hooks run for the not-found
 * handler too, and the headers go on the raw response, so an error path that rebuilds fastify's own
 * header list cannot drop them.
 */
export const securityHeaders = fp(
  async function securityHeaders(app: FastifyInstance) {
    await app.register(helmet, {
      // helmet joins directives with ";" (no space), so it cannot emit the exact string; we set it below.
      contentSecurityPolicy: false,
      xContentTypeOptions: true,
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // helmet's default SAMEORIGIN would be looser than frame-ancestors 'none'; say the same thing twice.
      xFrameOptions: { action: 'deny' },
    });
    app.addHook('onRequest', (_request, reply, done) => {
      reply.raw.setHeader('content-security-policy', previewContentSecurityPolicy);
      reply.raw.setHeader('x-robots-tag', requiredSecurityHeaders['x-robots-tag']);
      done();
    });
  },
  { name: 'preview-security-headers', fastify: '5.x' },
);
