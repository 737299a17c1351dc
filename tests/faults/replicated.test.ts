import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { countFinalMessages, faultReportLine, finalMessagesByChat, waitUntilSettled } from '../support/fault-system.ts';
import { startTestS3Server, type TestS3Server } from '../support/s3-server.ts';
import { spawnApi, spawnPreview, type ServiceProcess } from '../support/service-process.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { textUpdate } from '../support/updates.ts';
import { until } from '../support/until.ts';
import { deliverUpdate, type DeliveryOutcome } from '../support/webhook-delivery.ts';
import { spawnWorker } from '../support/worker-process.ts';

// Every role replicated, as compose runs them with the profiles replicas and s3 and --scale worker=3:
// two api processes, three workers and two preview processes, each a real process, against one
// PostgreSQL, one RabbitMQ (every queue a quorum queue) and a real S3 API server (s3rver). A burst of
// jobs arrives with every update delivered twice, to both apis; one process of each role is killed
// with SIGKILL mid-burst. Nothing may be lost, nothing sent twice, and every link must open on both
// preview processes.

const JOBS = 300;
const SECRET = 'replicated-secret';
/** Webhook requests in flight at once, as Telegram's many connections would keep them. */
const IN_FLIGHT = 40;
/** The first api dies once this many deliveries were answered 200 (of JOBS × 2): mid-ingest. */
const KILL_API_AFTER = 200;
/** A worker and a preview process die once this many chats have their link: mid-processing. */
const KILL_WORKER_AND_PREVIEW_AFTER = JOBS / 3;
const LINK = /\/p\/([a-z2-7]{26})\//;

let database: TestDatabase;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let s3: TestS3Server;
const queues = testQueueNames(100);
const processes: ServiceProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  [database, telegram, s3] = await Promise.all([createTestDatabase(), startFakeTelegram(), startTestS3Server()]);
  env = {
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    TELEGRAM_BOT_TOKEN: '123456:REPLICATED-token',
    TELEGRAM_SECRET_TOKEN: SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    WEBHOOK_URL: 'https://api.test.invalid/telegram/webhook',
    ...s3.env(),
    PREVIEW_BASE_URL: 'http://preview.test',
    AI_PROVIDER: 'mock',
    // Short, but long enough that a worker killed mid-burst has jobs in flight.
    MOCK_DELAY_MS: '500',
    // A killed worker's jobs come back once their lease lapses.
    JOB_LEASE_MS: '3000',
    RETRY_BASE_DELAY_MS: '100',
    // One request per chat, each its own user: no quota or chat limit applies anyway; off to be sure.
    QUOTA_JOBS_PER_HOUR: '0',
    QUOTA_JOBS_PER_DAY: '0',
    QUOTA_RUNNING_JOBS: '0',
    CHAT_ACTIONS_PER_MINUTE: '0',
    // Info: the lines saying each process is ready.
    LOG_LEVEL: 'info',
  };
});
afterAll(async () => {
  for (const process of processes) process.kill('SIGKILL');
  await Promise.all(processes.map((process) => process.exited));
  await queues.delete();
  await telegram?.close();
  await s3?.close();
  await database?.drop();
});

/** Starts a role's process; resolves with it and its URL (the worker has none worth knowing) once ready. */
async function start(spawn: (env: Record<string, string>) => ServiceProcess) {
  const process = spawn(env);
  processes.push(process);
  const line = await process.ready;
  return { process, url: String(line.url) };
}

/** A preview link's page as one preview process serves it: status, type and body. */
async function openLink(previewUrl: string, path: string) {
  const response = await fetch(`${previewUrl}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
}

describe('every role replicated, one of each killed with SIGKILL mid-burst', { timeout: 300_000 }, () => {
  it('loses no job, sends no result twice, and every link opens on both preview processes', async () => {
    const [apis, workers, previews] = await Promise.all([
      Promise.all([start(spawnApi), start(spawnApi)]),
      Promise.all([start(spawnWorker), start(spawnWorker), start(spawnWorker)]),
      Promise.all([start(spawnPreview), start(spawnPreview)]),
    ]);
    const chatIds = Array.from({ length: JOBS }, (_, i) => 900_000 + i);
    const updates = chatIds.map((chatId, i) => textUpdate(`a landing page for bakery number ${i}`, { chatId }));
    // Every update twice, once to each api, the two copies side by side in the stream: both apis often
    // take the same update at the same moment.
    const deliveries = updates.flatMap((update, i) => [
      { update, api: apis[i % 2]! },
      { update, api: apis[(i + 1) % 2]! },
    ]);
    const outcomes: DeliveryOutcome[] = [];
    let answered = 0;
    const [doomedApi, survivingApi] = apis;

    // Users open their links as they arrive, on whichever preview processes are up.
    const livePreviews = new Set(previews);
    const seenInBurst: { path: string; status: number }[] = [];
    let reading = true;
    const reader = (async () => {
      const opened = new Set<string>();
      while (reading) {
        const paths = [...finalMessagesByChat(telegram).values()].flatMap((texts) =>
          texts.flatMap((text) => LINK.exec(text)?.[0] ?? []),
        );
        for (const path of paths.filter((p) => !opened.has(p))) {
          opened.add(path);
          for (const preview of livePreviews) {
            const page = await openLink(preview.url, path).catch(() => undefined);
            // A process killed while answering gives no answer (it left the set first); the others must answer.
            if (page || livePreviews.has(preview)) seenInBurst.push({ path, status: page?.status ?? 0 });
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // Mid-processing: a worker (with jobs in flight) and a preview process die; a new preview
    // process starts, as compose's restart policy would start one.
    const killer = (async () => {
      await telegram.waitFor(
        () => countFinalMessages(telegram, chatIds).completed >= KILL_WORKER_AND_PREVIEW_AFTER,
        240_000,
      );
      // …at a moment when jobs are being generated (not only waiting for their link's send slot).
      const running = () => database.db.selectFrom('jobs').select('id').where('status', '=', 'running').execute();
      let runningAtKill = 0;
      await until(async () => (runningAtKill = (await running()).length) > 0, 60_000);
      livePreviews.delete(previews[0]);
      workers[0].process.kill('SIGKILL');
      previews[0].process.kill('SIGKILL');
      const replacement = await start(spawnPreview);
      livePreviews.add(replacement);
      return { runningAtKill, replacement };
    })();

    // Telegram's side: many connections; the first api dies mid-ingest.
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < deliveries.length) {
          const delivery = deliveries[next++]!;
          const outcome = await deliverUpdate(delivery.api.url, SECRET, delivery.update);
          outcomes.push(outcome);
          if (outcome === 200 && ++answered === KILL_API_AFTER) doomedApi.process.kill('SIGKILL');
          if (outcome !== 200) {
            // Telegram delivers again what was not answered 200; only the other api is there to take it.
            let again = await deliverUpdate(survivingApi.url, SECRET, delivery.update);
            while (again !== 200) again = await deliverUpdate(survivingApi.url, SECRET, delivery.update);
          }
        }
      }),
    );
    expect((await doomedApi.process.exited).signal).toBe('SIGKILL');
    const unanswered = outcomes.filter((outcome) => outcome !== 200).length;

    // Every update is in the inbox: answered 200 by either api, at the first delivery or a later one.
    const recorded = await database.db.selectFrom('updates').select('update_id').execute();
    expect(new Set(recorded.map((row) => Number(row.update_id)))).toEqual(
      new Set(updates.map((update) => update.update_id)),
    );
    await telegram.waitFor(() => countFinalMessages(telegram, chatIds).lost === 0, 240_000);
    const { runningAtKill, replacement } = await killer;
    await waitUntilSettled(database.db, queues, 60_000);
    reading = false;
    await reader;

    const counts = countFinalMessages(telegram, chatIds);
    const takenOver = await database.db.selectFrom('jobs').select('id').where('attempts', '>', 1).execute();
    console.log(
      `${faultReportLine('every role replicated, one of each killed', counts)}; ` +
        `${unanswered} of ${deliveries.length} deliveries not answered 200 (delivered again), ` +
        `${runningAtKill} jobs running when the worker died, ${takenOver.length} jobs taken over`,
    );
    expect(counts).toEqual({ sent: JOBS, completed: JOBS, lost: 0, duplicated: 0 });
    expect((await workers[0].process.exited).signal).toBe('SIGKILL');
    expect((await previews[0].process.exited).signal).toBe('SIGKILL');
    expect(runningAtKill).toBeGreaterThan(0);

    const finalJobs = await database.db.selectFrom('jobs').select(['update_id', 'status']).execute();
    expect(finalJobs).toHaveLength(JOBS);
    expect(new Set(finalJobs.map((job) => Number(job.update_id)))).toEqual(
      new Set(updates.map((update) => update.update_id)),
    );
    expect(finalJobs.filter((job) => job.status !== 'done')).toEqual([]);

    // Each chat's one message links its own site, and both preview processes serve it: the one that
    // lived through the burst and the one started after the kill (nothing in its memory yet).
    const servers = [previews[1], replacement];
    const finals = finalMessagesByChat(telegram);
    const links = chatIds.map((chatId) => LINK.exec(finals.get(chatId)![0]!)?.[0]);
    expect(links.filter((link) => link === undefined)).toEqual([]);
    expect(new Set(links).size).toBe(JOBS);
    const wrong: string[] = [];
    const check = async (path: string, i: number) => {
      const pages = await Promise.all(servers.map((server) => openLink(server.url, path)));
      for (const [s, page] of pages.entries())
        if (
          page.status !== 200 ||
          page.type !== 'text/html; charset=utf-8' ||
          !new RegExp(`Bakery number ${i}(?!\\d)`).test(page.html) ||
          page.html !== pages[0]!.html
        )
          wrong.push(`${path} on preview ${s}: ${page.status} ${page.type}`);
    };
    // A few at a time, as users would open them.
    for (let i = 0; i < links.length; i += 10)
      await Promise.all(links.slice(i, i + 10).map((path, j) => check(path!, i + j)));
    expect(wrong).toEqual([]);
    // What users opened during the burst, on whichever processes were up, opened too.
    expect(seenInBurst.length).toBeGreaterThan(0);
    expect(seenInBurst.filter((seen) => seen.status !== 200)).toEqual([]);

    // Every queue that held a job is a quorum queue.
    expect(new Set(Object.values(await queues.types()))).toEqual(new Set(['quorum']));
  });
});
