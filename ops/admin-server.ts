import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../shared/config/index.ts';
import { dumpEmbeddedDatabase } from '../shared/db/embedded-backup.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Logger } from '../shared/log/index.ts';
import { secretsMatch } from '../shared/secrets-match.ts';
import { describeError } from './describe-error.ts';
import { createOpsDeps } from './ops-deps.ts';
import { UsageError } from './ops-errors.ts';
import { parseCommandLine } from './parse-command.ts';
import { renderText } from './print-table.ts';
import { runCommand, usesDatabase } from './run-command.ts';

/** The CLI sends its own arguments; a command line is short. */
const opsRequest = z.object({ argv: z.array(z.string().max(1000)).max(50) });

export interface AdminServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** What a request must carry as `Authorization: Bearer <token>`. */
  token: string;
  close(): Promise<void>;
}

/**
 * The ops CLI's way into the process that holds the embedded database (npm start): on loopback
 * only, on a port the system picks, and every request must carry a fresh random token that only the
 * data directory's owner file (mode 0600) holds, compared in constant time.
 *
 * - `POST /ops` `{"argv": [...]}`: the CLI's own arguments; a database command runs here, on this
 *   process's database, and the answer is `{result, text}` (the data and its table), or
 *   `{error, message}`: 400 for a command line this endpoint does not take, 422 when it failed.
 * - `POST /backup`: a consistent copy of the database (application/gzip), made while it runs.
 */
export async function startAdminServer(deps: {
  config: Config;
  db: Kysely<Database>;
  log: Logger;
}): Promise<AdminServer> {
  const token = randomBytes(32).toString('hex');
  const log = deps.log.child({ unit: 'admin' });
  const ops = createOpsDeps(deps.config, log, { db: deps.db });
  const secrets = [deps.config.telegram.botToken, deps.config.telegram.secretToken];
  const logger: FastifyBaseLogger = log;
  const app = Fastify({ loggerInstance: logger, bodyLimit: 64 * 1024 });

  app.addHook('onRequest', async (request, reply) => {
    const given = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!given || !secretsMatch(given, token))
      return reply.code(401).send({ error: 'unauthorized', message: 'the admin token is missing or wrong' });
  });

  app.post('/ops', async (request, reply) => {
    const body = opsRequest.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'expected {"argv": [...]}' });
    let parsed;
    try {
      parsed = parseCommandLine(body.data.argv);
    } catch (error) {
      if (error instanceof UsageError) return reply.code(400).send({ error: 'usage', message: error.message });
      throw error;
    }
    // Files are read and written by the CLI, on its side: backup has its own route, restore needs the database closed.
    if (parsed.help || !usesDatabase(parsed.command) || ['backup', 'restore'].includes(parsed.command.name))
      return reply.code(400).send({ error: 'usage', message: 'only database commands run through this endpoint' });
    try {
      const result = await runCommand(parsed.command, ops);
      return reply.send({ result, text: renderText(result) });
    } catch (error) {
      return reply.code(422).send({ error: 'failed', message: describeError(error, secrets) });
    }
  });

  app.post('/backup', async (_request, reply) => {
    const backup = await dumpEmbeddedDatabase(deps.db);
    return reply.type('application/gzip').send(Buffer.from(backup));
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    token,
    async close() {
      await app.close();
      await ops.close();
    },
  };
}
