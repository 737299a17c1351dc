import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The preview is read-only: any other method, on any path (known or not), is a 405. As an onRequest
 * hook it runs after the security headers and before any body is read.
 */
export const allowGetAndHead = fp(
  async function allowGetAndHead(app: FastifyInstance) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      return reply
        .code(405)
        .header('allow', 'GET, HEAD')
        .type('text/plain; charset=utf-8')
        .send('Method Not Allowed\n');
    });
  },
  { name: 'preview-allow-get-and-head', fastify: '5.x', dependencies: ['preview-security-headers'] },
);
