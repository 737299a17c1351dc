import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Errors answer with their status line as plain text: fastify's default JSON bodies echo the route
 * and method back, and an error message may name a file path. Our own failures are logged once, here.
 */
export const plainErrorReplies = fp(
  async function plainErrorReplies(app: FastifyInstance) {
    // No answer but a file's (which says no-cache itself) may be stored: a 404 can turn into a
    // preview a moment later, a redirect or 405 need not be remembered.
    app.addHook('onSend', async (_request, reply) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });

    app.setNotFoundHandler((_request, reply) => reply.code(404).type('text/plain; charset=utf-8').send('Not Found\n'));

    app.setErrorHandler((error: FastifyError, request, reply) => {
      const status =
        error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'preview request failed');
      return reply
        .code(status)
        .type('text/plain; charset=utf-8')
        .send(`${STATUS_CODES[status] ?? 'Error'}\n`);
    });
  },
  { name: 'preview-plain-error-replies', fastify: '5.x' },
);
