import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The preview origin's policy (docs/security.md shows it). No script of any kind, nothing
 * loaded from another origin, and `sandbox` without `allow-scripts`/`allow-same-origin` gives the page
 * an opaque origin even if a script ever slipped past the sanitizer.
 */
export const previewContentSecurityPolicy =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox";

/**
 * What every preview response carries (the table in docs/security.md). Note what CORP
 * `same-origin` plus CSP `sandbox` imply: the page runs in an opaque origin, so even its own
 * stylesheet or image files count as cross-origin loads and are blocked. Published pages are
 * therefore self-contained (the worker inlines stylesheets; images are data: URLs).
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
 * The required headers and the usual hardening around them, the set every answer of the preview
 * server sends, whichever path answers: X-Frame-Options says what frame-ancestors 'none' says for
 * older browsers, and the rest switch off legacy behaviours (DNS prefetching, IE's open-in-place and
 * XSS auditor, Flash's cross-domain policies) and ask for an origin-keyed agent cluster.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  ...requiredSecurityHeaders,
  'origin-agent-cluster': '?1',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

const securityHeaderEntries = Object.entries(securityHeaders);

/**
 * Puts the headers on every response fastify answers (the bundle files themselves are answered
 * before fastify, serve-previews.ts, with the same set): onRequest hooks run for the not-found
 * handler too, and the headers go on the raw response, so an error path that rebuilds fastify's own
 * header list cannot drop them.
 */
export const securityHeadersPlugin = fp(
  function securityHeadersPlugin(app: FastifyInstance, _options: unknown, registered: () => void) {
    app.addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of securityHeaderEntries) reply.raw.setHeader(name, value);
      done();
    });
    registered();
  },
  { name: 'preview-security-headers', fastify: '5.x' },
);
