import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { isLimited } from '../shared/telegram/send-rate-limit.ts';
import { startFakeOpenAi } from '../tests/support/fake-openai.ts';
import { startFakeTelegram, type BotApiCall } from '../tests/support/fake-telegram.ts';
import { createTestDatabase } from '../tests/support/test-database.ts';
import { testQueueNames } from '../tests/support/test-queue.ts';
import { textUpdate } from '../tests/support/updates.ts';
import { spawnWorker, type WorkerProcess } from '../tests/support/worker-process.ts';
import { appEnv, webhookHeaders } from './support/app-env.ts';
import { load } from './support/load.ts';
import { printTable, saveResult } from './support/report.ts';
import { spawnServer } from './support/spawn-server.ts';

const JOBS = 1000;
const CHATS = 200;
/** Telegram opens at most 40 connections to a webhook (what `ops webhook set` registers). */
const CONNECTIONS = 40;
const PROVIDER_LATENCY_MS = 2000;
/** Jobs per worker at once: high enough that the provider's latency is not what limits a worker. */
const CONCURRENCY = 50;
const WORKER_COUNTS = [1, 3];
/** Telegram's limits, as the fake Bot API enforces them. */
const OVERALL_PER_SEC = 30;
const PER_CHAT_PER_SEC = 1;
/**
 * A job whose link has not arrived once no link arrived for this long counts as lost: longer than
 * one attempt may take (AI_TIMEOUT_MS 120 s) plus a lapsed lease (JOB_LEASE_MS 15 s), after which
 * another worker takes over a job whose worker died.
 */
const STALL_TIMEOUT_MS = 200_000;
const RETRY_BASE_DELAY_MS = 2000;

/** Accepted calls that put something in a chat, each counting against Telegram's limits. */
const isMessage = (call: BotApiCall) => call.status === 200 && isLimited(call.method);
const LINK = /\/p\/([a-z0-9]+)\//g;

/**
 * Pipeline under a burst: 1,000 updates from 200 chats posted at the real api (a process of its
 * own) by autocannon, then through PostgreSQL, RabbitMQ and worker processes to a fake Bot API that
 * answers 429 beyond Telegram's limits, with a fake OpenAI-compatible provider that takes 2 s per
 * answer. Measured: the time until every job's link is in its chat, against the lower bound the
 * rate limits and the provider allow (the baseline); links lost and duplicated; 429s; worker memory.
 */
export async function benchPipelineBurst() {
  // Side by side, as two bots: each has its own fake Bot API (its own 30/s), database and queues,
  // and waits mostly on Telegram's limits, so neither takes much CPU from the other; one after the
  // other, the two would take most of `npm run bench`'s five minutes.
  const runs = await Promise.all(WORKER_COUNTS.map(burst));
  const seconds = (ms: number) => ms / 1000;
  printTable(
    `Pipeline under a burst (${JOBS} updates from ${CHATS} chats, ${CONNECTIONS} connections; provider ${seconds(PROVIDER_LATENCY_MS)} s; WORKER_CONCURRENCY=${CONCURRENCY})`,
    runs.map((r) => ({
      workers: r.workers,
      'all links s': seconds(r.allLinksMs),
      'lower bound s': seconds(r.bound.ms),
      'bound set by': r.bound.setBy,
      'vs bound': `${(r.allLinksMs / r.bound.ms).toFixed(2)}×`,
      'msgs/job': r.messages / JOBS,
      '429s': r.rateLimited,
      lost: r.lost,
      duplicated: r.duplicated,
      'worker peak MB max/sum': `${r.peakMemoryMiB.max}/${r.peakMemoryMiB.sum}`,
      'api CPU ms/job': r.perJob.apiCpuMs,
      'workers CPU ms/job': r.perJob.workersCpuMs,
      'PG transactions/job': r.perJob.transactions,
      'PG rows written/job': r.perJob.rowsWritten,
    })),
    `lower bound = max(messages / ${OVERALL_PER_SEC} per s, busiest chat's messages / ${PER_CHAT_PER_SEC} per s, ${seconds(PROVIDER_LATENCY_MS)} s × ceil(jobs / (workers × concurrency))); ` +
      `messages = accepted send*/edit* calls (status messages, progress edits and links alike); ` +
      `CPU = user + system time of the api and worker processes during the burst; PG = the run database's committed transactions (reads too) and rows inserted, updated or deleted (pg_stat_database); ` +
      `the ${WORKER_COUNTS.join(' and ')} worker runs go side by side as separate bots, each with its own limits`,
  );
  const figures = {
    jobs: JOBS,
    chats: CHATS,
    connections: CONNECTIONS,
    providerLatencyMs: PROVIDER_LATENCY_MS,
    workerConcurrency: CONCURRENCY,
    limits: { overallPerSec: OVERALL_PER_SEC, perChatPerSec: PER_CHAT_PER_SEC },
    runs,
  };
  await saveResult('pipelineBurst', figures);
  return figures;
}

/** One burst through a system of its own (database, queues, fakes, api, `workers` worker processes). */
async function burst(workers: number) {
  const database = await createTestDatabase();
  const queues = testQueueNames(RETRY_BASE_DELAY_MS);
  const telegram = await startFakeTelegram({ enforceLimits: true });
  const ai = await startFakeOpenAi({ latencyMs: PROVIDER_LATENCY_MS });
  const previewsDir = await mkdtemp(path.join(tmpdir(), 'ao-bench-pipeline-'));
  const env = {
    ...appEnv({ databaseUrl: database.url, queuePrefix: queues.prefix, telegramApiRoot: telegram.apiRoot }),
    AI_PROVIDER: 'openai',
    AI_API_KEY: 'sk-bench',
    AI_BASE_URL: ai.baseUrl,
    PREVIEWS_DIR: previewsDir,
    PREVIEW_BASE_URL: 'http://preview.bench',
    WORKER_CONCURRENCY: String(CONCURRENCY),
    RETRY_BASE_DELAY_MS: String(RETRY_BASE_DELAY_MS),
  };
  const api = await spawnServer('api.ts', env);
  const processes: WorkerProcess[] = [];
  try {
    // Info level: the worker's "consuming jobs" line is how spawnWorker knows it is ready.
    for (let i = 0; i < workers; i++) processes.push(spawnWorker({ ...env, LOG_LEVEL: 'info' }));
    await Promise.all(processes.map((w) => w.ready));

    const cpuBeforeMs = await Promise.all([api.pid, ...processes.map((w) => w.pid)].map(cpuTimeMs));
    const writesBefore = await databaseWrites(database.db);
    let sent = 0;
    const startedAt = Date.now();
    const posted = await load({
      url: `${api.url}/telegram/webhook`,
      method: 'POST',
      headers: webhookHeaders,
      connections: CONNECTIONS,
      amount: JOBS,
      body: () => {
        const n = sent++;
        return JSON.stringify(
          textUpdate(`a landing page for coffee shop number ${n}`, { updateId: 1 + n, chatId: 700_000 + (n % CHATS) }),
        );
      },
    });
    const postedMs = Date.now() - startedAt;
    const accepted = posted.requests - posted.non2xx - posted.errors;
    const links = await waitForLinks(telegram.calls, accepted);
    const peakMemoryKiB = await Promise.all(processes.map((w) => peakMemory(w.pid)));
    const [apiCpuMs, ...workerCpuMs] = (
      await Promise.all([api.pid, ...processes.map((w) => w.pid)].map(cpuTimeMs))
    ).map((ms, i) => ms - cpuBeforeMs[i]!);
    // Their connections' statistics reach pg_stat_database for sure when they end.
    for (const worker of processes) worker.kill('SIGTERM');
    await Promise.all([...processes.map((w) => w.exited), api.stop()]);
    const writesAfter = await databaseWrites(database.db);

    const messages = telegram.calls.filter(isMessage);
    const perChat = new Map<string, number>();
    for (const m of messages) perChat.set(String(m.payload.chat_id), (perChat.get(String(m.payload.chat_id)) ?? 0) + 1);
    const busiestChat = Math.max(0, ...perChat.values());
    const bounds = {
      overall: Math.round((messages.length / OVERALL_PER_SEC) * 1000),
      perChat: Math.round((busiestChat / PER_CHAT_PER_SEC) * 1000),
      provider: PROVIDER_LATENCY_MS * Math.ceil(JOBS / (workers * CONCURRENCY)),
    };
    const [setBy, ms] = Object.entries(bounds).reduce((a, b) => (b[1] > a[1] ? b : a));
    return {
      workers,
      accepted,
      webhookErrors: posted.non2xx + posted.errors,
      postedMs,
      allLinksMs: links.firstAt.size > 0 ? Math.max(...links.firstAt.values()) - startedAt : Number.NaN,
      bound: {
        ms,
        setBy: {
          overall: `${OVERALL_PER_SEC} msg/s overall`,
          perChat: `${PER_CHAT_PER_SEC} msg/s per chat`,
          provider: 'provider latency',
        }[setBy]!,
        ...bounds,
      },
      messages: messages.length,
      busiestChat,
      providerCalls: ai.requests.length,
      rateLimited: telegram.rateLimited,
      // Every update sent (accepted or not) owes its chat one link.
      lost: JOBS - links.firstAt.size,
      duplicated: links.duplicated,
      perJob: {
        apiCpuMs: round1(apiCpuMs! / accepted),
        workersCpuMs: round1(workerCpuMs.reduce((a, b) => a + b, 0) / accepted),
        transactions: round1((writesAfter.transactions - writesBefore.transactions) / accepted),
        rowsWritten: round1((writesAfter.rows - writesBefore.rows) / accepted),
      },
      peakMemoryMiB: {
        max: Math.round(Math.max(...peakMemoryKiB) / 1024),
        sum: Math.round(peakMemoryKiB.reduce((a, b) => a + b, 0) / 1024),
      },
    };
  } finally {
    for (const worker of processes) worker.kill('SIGTERM');
    await Promise.all(processes.map((w) => w.exited));
    await api.stop();
    await queues.delete();
    await ai.close();
    await telegram.close();
    await database.drop();
    await rm(previewsDir, { recursive: true, force: true });
  }
}

/**
 * Waits until `expected` distinct preview links reached their chats (or none arrived for
 * STALL_TIMEOUT_MS), then a moment more for late repeats. The link is found by its `/p/<id>/` path,
 * not by the message's wording; a link sent in more than one new message is a duplicate (an edit
 * that keeps it is the same message).
 */
async function waitForLinks(calls: BotApiCall[], expected: number) {
  const firstAt = new Map<string, number>();
  const sentAsMessage = new Map<string, number>();
  let scanned = 0;
  const scan = () => {
    for (; scanned < calls.length; scanned++) {
      const call = calls[scanned]!;
      // A message still being answered has no status yet: look at it again next time.
      if (call.status === undefined && isLimited(call.method)) break;
      if (!isMessage(call)) continue;
      // Text, caption or a URL button: wherever the message carries the link.
      for (const previewId of new Set(Array.from(JSON.stringify(call.payload).matchAll(LINK), (m) => m[1]!))) {
        if (!firstAt.has(previewId)) firstAt.set(previewId, call.at);
        if (call.method.startsWith('send')) sentAsMessage.set(previewId, (sentAsMessage.get(previewId) ?? 0) + 1);
      }
    }
  };
  let lastProgressAt = Date.now();
  for (;;) {
    const before = firstAt.size;
    scan();
    if (firstAt.size > before) lastProgressAt = Date.now();
    if (firstAt.size >= expected || Date.now() - lastProgressAt > STALL_TIMEOUT_MS) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 2000));
  scan();
  return { firstAt, duplicated: [...sentAsMessage.values()].filter((n) => n > 1).length };
}

/** The process's peak resident memory so far (VmHWM, KiB). */
async function peakMemory(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
}

/** CPU time the process has used so far, user and system (ms): /proc/<pid>/stat's utime and stime, in 10 ms ticks. */
async function cpuTimeMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces): state is the first, utime the 12th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Committed transactions (read-only ones too) and rows written (inserted, updated, deleted) in the
 * current database so far, as PostgreSQL's statistics count them (a connection reports its own at
 * the latest when it closes).
 */
async function databaseWrites(db: Kysely<Database>): Promise<{ transactions: number; rows: number }> {
  const { rows } = await sql<{ transactions: string; rows: string }>`
    select xact_commit as transactions, tup_inserted + tup_updated + tup_deleted as rows
    from pg_stat_database where datname = current_database()`.execute(db);
  return { transactions: Number(rows[0]!.transactions), rows: Number(rows[0]!.rows) };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`) await benchPipelineBurst();
