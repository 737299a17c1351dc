import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalChat } from '../../api/local-chat/local-chat.ts';
import { startApi } from '../../api/start-api.ts';
import { startPreview } from '../../preview/start-preview.ts';
import { startRenderer } from '../../renderer/start-renderer.ts';
import { openPreviewStorage } from '../../shared/previews/index.ts';
import { connectQueue } from '../../shared/queue/index.ts';
import { startWorker } from '../../worker/start-worker.ts';
import { startFakeTelegram, type FakeTelegramOptions } from './fake-telegram.ts';
import { untilHandled } from './inbox.ts';
import { startTestS3Server } from './s3-server.ts';
import { TEST_RABBITMQ_URL } from './services.ts';
import { testConfig, testLogger } from './test-config.ts';
import { createTestDatabase } from './test-database.ts';
import { testQueueNames } from './test-queue.ts';

export const TEST_SECRET = 'e2e-secret_token';
const RETRY_BASE_DELAY_MS = 100;

/**
 * The three services as production runs them (api, worker, preview), in this process, against the
 * real PostgreSQL (own database) and RabbitMQ (own queue names), with a fake Bot API on loopback.
 * `env` adds or overrides variables, e.g. the AI provider and its local fake server. Previews are
 * on the filesystem, or with TEST_PREVIEW_STORAGE=s3 (vitest.config.ts's `previews-on-s3` project)
 * in a bucket of a real S3 API server on loopback. Without a bot token, api and worker answer into
 * `options.localChat` (as npm start does), or the api's own.
 */
export async function startSystem(
  env: Record<string, string> = {},
  options: {
    telegram?: FakeTelegramOptions;
    localChat?: LocalChat;
    /**
     * The render queue: `renderer` connects the worker to it and runs a renderer (Chromium) on it;
     * `no-renderer` connects the worker to it with nobody consuming (the role is absent). Unset: no
     * render queue at all.
     */
    renders?: 'renderer' | 'no-renderer';
  } = {},
) {
  const database = await createTestDatabase();
  const telegram = await startFakeTelegram(options.telegram);
  const queues = testQueueNames(RETRY_BASE_DELAY_MS);
  const previewsDir = await mkdtemp(path.join(tmpdir(), 'ao-e2e-previews-'));
  const s3 = process.env.TEST_PREVIEW_STORAGE === 's3' ? await startTestS3Server() : undefined;
  const log = testLogger();

  const base = testConfig({
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    RETRY_BASE_DELAY_MS: String(RETRY_BASE_DELAY_MS),
    TELEGRAM_BOT_TOKEN: '123456:E2E-token',
    TELEGRAM_SECRET_TOKEN: TEST_SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    PREVIEWS_DIR: previewsDir,
    // Closing the system aborts jobs still in flight instead of waiting out the production grace.
    SHUTDOWN_GRACE_MS: '200',
    ...s3?.env(),
    ...env,
  });
  const preview = await startPreview(base, log);
  // The link in chat, and the renderer, must point at the preview server this test started.
  const config = {
    ...base,
    preview: { ...base.preview, baseUrl: preview.url },
    renderer: { ...base.renderer, baseUrl: preview.url },
  };
  const apiQueue = await connectQueue(config, log, 'api');
  const workerQueue = await connectQueue(config, log, 'worker');
  const renderLane = { lane: 'renders' as const, concurrency: config.renderer.concurrency };
  const renders = options.renders ? await connectQueue(config, log, 'worker', renderLane) : undefined;
  const rendererQueue =
    options.renders === 'renderer' ? await connectQueue(config, log, 'renderer', renderLane) : undefined;
  const { localChat } = options;
  const renderer = rendererQueue
    ? await startRenderer(config, { db: database.db, queue: rendererQueue, log, local: localChat })
    : undefined;
  const worker = await startWorker(config, { db: database.db, queue: workerQueue, log, local: localChat, renders });
  const api = await startApi(config, { db: database.db, queue: apiQueue, log, localChat });
  // The test's own look at the previews, through the same port the services use.
  const storage = await openPreviewStorage(config.preview.storage);

  return {
    config,
    db: database.db,
    telegram,
    queues,
    previewsDir,
    storage,
    apiUrl: api.url,
    /** The worker's own port: /health, /ready, /metrics. */
    workerUrl: worker.url,
    previewUrl: preview.url,
    /** Delivers an update like Telegram does; once answered 200, waits until the bot handled it. */
    async postUpdate(update: { update_id: number } & Record<string, unknown>) {
      const response = await fetch(`${api.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
        body: JSON.stringify(update),
      });
      if (response.status === 200) await untilHandled(database.db, update.update_id);
      return response;
    },
    /** The render queue as the worker sees it (with `renders`), e.g. to deliver a render again. */
    renders,
    async close() {
      await api.close();
      await worker.close();
      await renderer?.close();
      await Promise.all([apiQueue.close(), workerQueue.close(), renders?.close(), rendererQueue?.close()]);
      await preview.close();
      await storage.close();
      await s3?.close();
      await queues.delete();
      await telegram.close();
      await database.drop();
      await rm(previewsDir, { recursive: true, force: true });
    },
  };
}

export type TestSystem = Awaited<ReturnType<typeof startSystem>>;
