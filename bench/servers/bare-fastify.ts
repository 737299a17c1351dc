import Fastify from 'fastify';
import { z } from 'zod';

// Baseline for the webhook benchmark: the same framework, body limit and body validation, and
// nothing else — no secret check, no database, no queue.
const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });
const app = Fastify({ logger: false });
app.post('/telegram/webhook', { bodyLimit: 256 * 1024 }, async (request, reply) => {
  if (!updateSchema.safeParse(request.body).success) return reply.code(400).send({ error: 'bad_request' });
  return { ok: true };
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
