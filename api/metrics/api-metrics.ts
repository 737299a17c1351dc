import { Counter, Histogram } from 'prom-client';
import { metricsRegistry, scrapedGauge } from '../../shared/metrics/index.ts';

// The api's metrics, on the process registry; README ("Metrics") lists every one.

export const webhookRequestSeconds = new Histogram({
  name: 'orchestrator_webhook_request_duration_seconds',
  help: 'POST /telegram/webhook from request to answer, by HTTP status code; _count is the number of webhook requests by status.',
  labelNames: ['code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const updatesDeduplicated = new Counter({
  name: 'orchestrator_updates_total',
  help: 'Telegram updates past the dedup step (webhook, long polling or the local chat page), by delivery: first (a new update_id, recorded in the inbox) or duplicate (seen before, ignored).',
  labelNames: ['delivery'],
  registers: [metricsRegistry],
});

export const inboxWriteUpdates = new Histogram({
  name: 'orchestrator_inbox_write_batch_updates',
  help: 'Updates written to the inbox by one group commit (one INSERT and one commit); _count is the number of commits.',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
  registers: [metricsRegistry],
});

export const updatesProcessed = new Counter({
  name: 'orchestrator_updates_processed_total',
  help: 'Inbox updates the bot handled, by outcome: handled, or failed (its handler kept failing; recorded with the reason and skipped).',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

export const inboxUnprocessed = scrapedGauge({
  name: 'orchestrator_inbox_unprocessed',
  help: 'Updates recorded in the inbox and not yet handled by the bot, counted in the database at scrape time (absent while it cannot be asked).',
});

export const jobsCreated = new Counter({
  name: 'orchestrator_jobs_created_total',
  help: 'Jobs recorded (with their outbox row) from chat requests, counted when their batch committed.',
  registers: [metricsRegistry],
});

export const outboxUnpublished = scrapedGauge({
  name: 'orchestrator_outbox_unpublished',
  help: 'Outbox rows not yet published to the queue, counted in the database at scrape time (absent while it cannot be asked).',
});
