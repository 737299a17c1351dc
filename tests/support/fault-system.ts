import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { startApi } from '../../api/start-api.ts';
import type { Database } from '../../shared/db/schema.ts';
import { connectQueue } from '../../shared/queue/index.ts';
import { closeBrokerConnections } from './broker-connections.ts';
import { chatCompletion, startFakeOpenAi } from './fake-openai.ts';
import { siteAnswerFor, type FakeReply } from './fake-ai-server.ts';
import { startFakeTelegram } from './fake-telegram.ts';
import { TEST_RABBITMQ_URL } from './services.ts';
import { testConfig, testLogger } from './test-config.ts';
import { createTestDatabase } from './test-database.ts';
import { testQueueNames } from './test-queue.ts';
import { textUpdate } from './updates.ts';
import type { SpawnServiceOptions } from './service-process.ts';
import { spawnWorker, type WorkerProcess } from './worker-process.ts';

const SECRET = 'fault-secret_token';

/** What one fault scenario did to its users: the numbers the fault report prints. */
export interface FaultCounts {
  sent: number;
  /** Jobs whose chat got a final message (link or failure). */
  completed: number;
  /** Jobs whose chat got no final message. */
  lost: number;
  /** Chats that got more than one final message. */
  duplicated: number;
}

export function faultReportLine(scenario: string, c: FaultCounts): string {
  return `fault report: ${scenario}: sent ${c.sent}, completed ${c.completed}, lost ${c.lost}, duplicated ${c.duplicated}`;
}

type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;
type TestQueues = ReturnType<typeof testQueueNames>;

/**
 * The final messages (link or failure) each chat got, in one pass over the Bot API calls, so it is
 * cheap enough to poll during a burst; status messages ("⏳ Got it! …") are not answers.
 */
export function finalMessagesByChat(telegram: FakeTelegram): Map<number, string[]> {
  const byChat = new Map<number, string[]>();
  for (const call of telegram.calls) {
    if (call.method !== 'sendMessage' || call.status !== 200) continue;
    const text = String(call.payload.text);
    if (text.startsWith('⏳')) continue;
    const chatId = Number(call.payload.chat_id);
    byChat.set(chatId, [...(byChat.get(chatId) ?? []), text]);
  }
  return byChat;
}

export function finalMessagesTo(telegram: FakeTelegram, chatId: number): string[] {
  return finalMessagesByChat(telegram).get(chatId) ?? [];
}

/** What the users of `chatIds` (one job each) saw: final messages by chat. */
export function countFinalMessages(telegram: FakeTelegram, chatIds: number[]): FaultCounts {
  const byChat = finalMessagesByChat(telegram);
  const finals = chatIds.map((chatId) => byChat.get(chatId)?.length ?? 0);
  return {
    sent: chatIds.length,
    completed: finals.filter((n) => n > 0).length,
    lost: finals.filter((n) => n === 0).length,
    duplicated: finals.filter((n) => n > 1).length,
  };
}

/**
 * Waits until nothing is left to do: no unfinished job, no message ready in any of `queues` but the
 * parking queue; then a moment more, for deliveries still unacked (invisible to the counts) to land.
 */
export async function waitUntilSettled(db: Kysely<Database>, queues: TestQueues, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const unfinished = await db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).execute();
    const counts = Object.entries(await queues.readyCounts());
    const waiting = counts.filter(([queue]) => queue !== queues.names.parked).reduce((sum, [, n]) => sum + n, 0);
    if (unfinished.length === 0 && waiting === 0) break;
    if (Date.now() > deadline)
      throw new Error(`did not settle: ${unfinished.length} unfinished jobs, ${waiting} messages waiting`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 1500));
}

/**
 * The system for fault tests: the api in this process (its relay publishing to the real RabbitMQ),
 * workers as real child processes (`startWorker`, killable), all on a database and queue prefix of
 * this file's own, with fakes for the Bot API and OpenAI. `env` sets the workers' (and the api's)
 * environment over fault-friendly defaults: short AI timeout, lease and retry delays.
 */
export async function startFaultSystem(env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const telegram = await startFakeTelegram();
  const ai = await startFakeOpenAi();
  const queues = testQueueNames(Number(env.RETRY_BASE_DELAY_MS ?? 100));
  const previewsDir = await mkdtemp(path.join(tmpdir(), 'ao-fault-previews-'));
  const workerEnv: Record<string, string> = {
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    TELEGRAM_BOT_TOKEN: '123456:FAULT-token',
    TELEGRAM_SECRET_TOKEN: SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    AI_PROVIDER: 'openai',
    AI_API_KEY: 'sk-test-faults',
    AI_BASE_URL: ai.baseUrl,
    PREVIEWS_DIR: previewsDir,
    PREVIEW_BASE_URL: 'http://preview.test',
    RETRY_BASE_DELAY_MS: '100',
    AI_TIMEOUT_MS: '2000',
    JOB_LEASE_MS: '3000',
    MAX_RETRIES: '3',
    SHUTDOWN_GRACE_MS: '15000',
    LOG_LEVEL: 'info',
    ...env,
  };
  const log = testLogger();
  const config = testConfig({ ...workerEnv, LOG_LEVEL: 'silent' });
  const apiQueue = await connectQueue(config, log, 'api');
  const api = await startApi(config, { db: database.db, queue: apiQueue, log });
  const workers = new Set<WorkerProcess>();
  let nextChatId = 10_000;

  const finalMessages = (chatId: number) => finalMessagesTo(telegram, chatId);

  const system = {
    db: database.db,
    telegram,
    ai,
    queues,
    /** Spawns a worker process (env over the system's; `spawnWith` another command) and waits until it consumes. */
    async startWorker(extraEnv: Record<string, string> = {}, spawnWith?: SpawnServiceOptions): Promise<WorkerProcess> {
      const worker = spawnWorker({ ...workerEnv, ...extraEnv }, spawnWith);
      workers.add(worker);
      await worker.ready;
      return worker;
    },
    /** Fresh chat ids, one per job: a chat's messages then belong to exactly one job. */
    chats(count: number): number[] {
      return Array.from({ length: count }, () => nextChatId++);
    },
    /**
     * Posts one update per prompt, as Telegram would (`chunk` at a time, `pauseMs` between chunks),
     * each from its own chat; resolves with the chat ids once every update was answered 200.
     */
    async submit(
      prompts: string[],
      options: { chatIds?: number[]; chunk?: number; pauseMs?: number } = {},
    ): Promise<number[]> {
      const { chatIds = system.chats(prompts.length), chunk = 25, pauseMs = 0 } = options;
      for (let i = 0; i < prompts.length; i += chunk) {
        if (i > 0 && pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
        await Promise.all(
          prompts.slice(i, i + chunk).map(async (prompt, j) => {
            const response = await fetch(`${api.url}/telegram/webhook`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
              body: JSON.stringify(textUpdate(prompt, { chatId: chatIds[i + j]! })),
            });
            if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
          }),
        );
      }
      return chatIds;
    },
    jobOf: (chatId: number) =>
      database.db.selectFrom('jobs').selectAll().where('chat_id', '=', chatId).executeTakeFirstOrThrow(),
    attemptsOf: (jobId: string) =>
      database.db
        .selectFrom('job_attempts')
        .select(['attempt', 'outcome', 'error_code'])
        .where('job_id', '=', jobId)
        .orderBy('attempt')
        .execute(),
    finalMessages,
    /** Waits until every chat has its final message. */
    async waitForFinal(chatIds: number[], timeoutMs = 60_000): Promise<void> {
      await telegram.waitFor(() => countFinalMessages(telegram, chatIds).lost === 0, timeoutMs);
    },
    /** Waits until nothing is left to do: no unfinished job, no message ready in any queue; then a moment more. */
    settle: (timeoutMs?: number) => waitUntilSettled(database.db, queues, timeoutMs),
    /** What the users saw, by chat. */
    count: (chatIds: number[]) => countFinalMessages(telegram, chatIds),
    /** Closes this system's RabbitMQ connections (api and workers) on the broker's side. */
    closeBrokerConnections: () => closeBrokerConnections(queues.prefix),
    /** Logs of every worker, to explain a failure. */
    workerOutput: () => [...workers].map((w) => `--- worker ${w.pid}\n${w.output()}`).join('\n'),
    async close(): Promise<void> {
      for (const worker of workers) worker.kill('SIGKILL');
      await Promise.all([...workers].map((w) => w.exited));
      await api.close();
      await apiQueue.close();
      await queues.delete();
      await ai.close();
      await telegram.close();
      await database.drop();
      await rm(previewsDir, { recursive: true, force: true });
    },
  };
  return system;
}

export type FaultSystem = Awaited<ReturnType<typeof startFaultSystem>>;

/** A provider answer: a valid one-page site, after `delayMs`. */
export function siteReply(delayMs: number, subject = 'a site'): FakeReply {
  return { delayMs, body: chatCompletion(siteAnswerFor(subject)) };
}
