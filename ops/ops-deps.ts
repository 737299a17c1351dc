import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Config } from '../shared/config/index.ts';
import { connectDatabase } from '../shared/db/connect.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Logger } from '../shared/log/index.ts';
import { openPreviewStorage, type PreviewStorage } from '../shared/previews/index.ts';
import { createTelegramApi } from '../shared/telegram/index.ts';
import { openBroker, type OpsBroker } from './open-broker.ts';
import { OpsError } from './ops-errors.ts';

/**
 * What commands run against, each opened on first use: `webhook info` never touches the database,
 * `jobs` never the broker, and a broken one only fails the commands that need it.
 */
export interface OpsDeps {
  config: Config;
  db(): Kysely<Database>;
  /** RabbitMQ, or undefined with the in-process queue (RABBITMQ_URL unset), which only the running service can see. */
  broker(): Promise<OpsBroker | undefined>;
  /** The preview storage PREVIEW_STORAGE names (the worker's: the previews volume, or the bucket). */
  previewStorage(): Promise<PreviewStorage>;
  /** The Bot API as the bot, with the webhook secret if set; refuses without TELEGRAM_BOT_TOKEN. */
  telegram(): { api: Api; secretToken: string | undefined };
  close(): Promise<void>;
}

/** `options.db`: a database already open in this process (npm start's admin endpoint); it stays open on close. */
export function createOpsDeps(config: Config, log: Logger, options: { db?: Kysely<Database> } = {}): OpsDeps {
  let db: Kysely<Database> | undefined;
  let broker: Promise<OpsBroker | undefined> | undefined;
  let storage: Promise<PreviewStorage> | undefined;
  return {
    config,
    db() {
      if (options.db) return options.db;
      // The embedded database is made by `npm start`; opening one here would only make an empty one.
      if (!config.databaseUrl && !existsSync(path.resolve(config.dataDir, 'pglite'))) {
        throw new OpsError(
          `DATABASE_URL is not set and there is no embedded database under ${path.resolve(config.dataDir)} (npm start makes it)`,
        );
      }
      return (db ??= connectDatabase(config, { poolSize: 2, log, holder: 'npm run ops' }));
    },
    broker: () =>
      (broker ??= config.rabbitmqUrl
        ? openBroker({
            url: config.rabbitmqUrl,
            prefix: config.queuePrefix,
            retryBaseDelayMs: config.jobs.retryBaseDelayMs,
          })
        : Promise.resolve(undefined)),
    previewStorage: () => (storage ??= openPreviewStorage(config.preview.storage)),
    telegram() {
      const { botToken, secretToken } = config.telegram;
      // Without a token createTelegramApi answers locally, which would report a webhook set that is not.
      if (!botToken) throw new OpsError('TELEGRAM_BOT_TOKEN must be set: webhook commands talk to Telegram as the bot');
      return { api: createTelegramApi(config, log), secretToken };
    },
    async close() {
      const opened = await broker?.catch(() => undefined);
      await opened?.close();
      await (await storage?.catch(() => undefined))?.close();
      await db?.destroy();
    },
  };
}
