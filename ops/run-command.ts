import { dumpEmbeddedDatabase } from '../shared/db/embedded-backup.ts';
import { storageLimitsOf } from '../shared/previews/index.ts';
import { restoreBackup, writeBackup } from './commands/backup.ts';
import { collectStats } from './commands/stats.ts';
import { listJobs, showJob } from './commands/jobs.ts';
import { retryFailedJobs, retryJob } from './commands/retry.ts';
import { listParked, purgeParked, replayParked } from './commands/parked.ts';
import { deletePreview, purgeExpiredPreviews } from './commands/previews.ts';
import { deleteWebhook, setWebhook, showWebhookInfo } from './commands/webhook.ts';
import { blockUser, unblockUser } from './commands/users.ts';
import type { OpsDeps } from './ops-deps.ts';
import { OpsError, UsageError } from './ops-errors.ts';
import type { Command } from './parse-command.ts';

/** Commands that read or write the database: with the embedded one, only the process holding it may run them. */
const DATABASE_COMMANDS: ReadonlySet<Command['name']> = new Set([
  'stats',
  'jobs',
  'job',
  'retry',
  'retry-failed',
  'previews-purge-expired',
  'preview-delete',
  'user-block',
  'user-unblock',
  'backup',
  'restore',
]);

export function usesDatabase(command: Command): boolean {
  return DATABASE_COMMANDS.has(command.name);
}

/** Runs one command and returns its data; printing is the caller's. */
export async function runCommand(command: Command, deps: OpsDeps): Promise<unknown> {
  const { config } = deps;
  switch (command.name) {
    case 'stats':
      return collectStats(deps.db(), () => deps.broker());
    case 'jobs':
      return listJobs(deps.db(), command);
    case 'job':
      return showJob(deps.db(), command.jobId);
    case 'retry':
      return retryJob(deps.db(), command.jobId);
    case 'retry-failed':
      return retryFailedJobs(deps.db(), command.sinceMs);
    case 'parked-list':
      return listParked(await requireBroker(deps), command.limit);
    case 'parked-replay':
      return replayParked(await requireBroker(deps));
    case 'parked-purge':
      return purgeParked(await requireBroker(deps));
    case 'previews-purge-expired':
      return purgeExpiredPreviews(deps.db(), await deps.previewStorage(), storageLimitsOf(deps.config));
    case 'preview-delete':
      return deletePreview(deps.db(), await deps.previewStorage(), command.previewId);
    case 'webhook-set': {
      const url = command.url ?? config.telegram.webhookUrl;
      if (!url)
        throw new UsageError(
          'webhook set: no URL; pass --url https://<api domain>/telegram/webhook or set WEBHOOK_URL',
        );
      const { api, secretToken } = deps.telegram();
      if (!secretToken)
        throw new OpsError(
          'webhook set: TELEGRAM_SECRET_TOKEN must be set: Telegram sends it with every webhook call, and the api checks it',
        );
      return setWebhook(api, { url, secretToken });
    }
    case 'webhook-info':
      return showWebhookInfo(deps.telegram().api);
    case 'webhook-delete':
      return deleteWebhook(deps.telegram().api);
    case 'user-block':
      return blockUser(deps.db(), command.userId, command.reason);
    case 'user-unblock':
      return unblockUser(deps.db(), command.userId);
    case 'backup':
      return writeBackup(command.file, () => dumpEmbeddedDatabase(requireEmbedded(deps).db()));
    case 'restore':
      return restoreBackup(requireEmbedded(deps).config.dataDir, command.file);
  }
}

/** Backups here are of the embedded database; PostgreSQL has its own tools. */
function requireEmbedded(deps: OpsDeps): OpsDeps {
  if (deps.config.databaseUrl)
    throw new OpsError(
      'DATABASE_URL is set: back up and restore PostgreSQL with pg_dump and pg_restore (README: Backups)',
    );
  return deps;
}

async function requireBroker(deps: OpsDeps) {
  const broker = await deps.broker();
  if (!broker) throw new OpsError('RABBITMQ_URL is not set: the in-process queue has no parking queue to inspect');
  return broker;
}
