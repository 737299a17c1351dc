import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiUnderTest, type ApiUnderTest } from '../support/api-under-test.ts';
import { untilHandled } from '../support/inbox.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { stickerUpdate, textUpdate } from '../support/updates.ts';

const SECRET = 'webhook-secret_123';

let database: TestDatabase;
let api: ApiUnderTest['api'];
let queues: ApiUnderTest['queues'];
let telegram: ApiUnderTest['telegram'];
let system: ApiUnderTest;

beforeAll(async () => {
  system = await startApiUnderTest(SECRET);
  ({ database, api, queues, telegram } = system);
});

afterAll(() => system?.close());

function post(body: unknown, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) {
  return fetch(`${api.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const countRows = async (table: 'updates' | 'jobs' | 'outbox') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /telegram/webhook', () => {
  it('a wrong secret gets 401 and stores nothing', async () => {
    const before = await countRows('updates');
    const response = await post(textUpdate('a bakery site'), { 'x-telegram-bot-api-secret-token': 'not-the-secret' });
    expect(response.status).toBe(401);
    expect((await bodyOf(response)).error).toBe('unauthorized');
    expect(await countRows('updates')).toBe(before);
  });

  it('a missing secret gets 401', async () => {
    const response = await post(textUpdate('a bakery site'), {});
    expect(response.status).toBe(401);
  });

  it('an oversized body gets 413 with a reason and stores nothing', async () => {
    const before = await countRows('updates');
    const response = await post(textUpdate('x'.repeat(300 * 1024)));
    expect(response.status).toBe(413);
    expect((await bodyOf(response)).message).toMatch(/too large/i);
    expect(await countRows('updates')).toBe(before);
  });

  it('malformed JSON gets 400 with a reason', async () => {
    const response = await post('{"update_id": 1, ');
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).message).toMatch(/json/i);
  });

  it('a body without an update_id gets 400', async () => {
    const response = await post({ hello: 'world' });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).message).toMatch(/update_id/);
  });

  it('an update_id outside what Telegram sends (positive, 32 bits) gets 400 with a reason and stores nothing', async () => {
    const before = await countRows('updates');
    for (const updateId of [0, -5, 2 ** 31, 2 ** 53 - 1, 1.5]) {
      const response = await post(textUpdate('a bakery site', { updateId }));
      expect(response.status, String(updateId)).toBe(400);
      expect((await bodyOf(response)).message).toMatch(/update_id must be an integer from 1 to 2147483647/);
    }
    expect(await countRows('updates')).toBe(before);
  });

  it('the largest update_id Telegram can send is accepted', async () => {
    const update = textUpdate('a bakery site', { updateId: 2 ** 31 - 1 });
    expect((await post(update)).status).toBe(200);
    await untilHandled(database.db, update.update_id);
    expect(
      await database.db.selectFrom('jobs').select('id').where('update_id', '=', update.update_id).execute(),
    ).toHaveLength(1);
  });

  it('a text message is recorded in the inbox and answered 200; the bot makes one job and one outbox row from it, and the relay publishes it to RabbitMQ', async () => {
    const update = textUpdate('a landing page for a coffee shop');
    const response = await post(update);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    await untilHandled(database.db, update.update_id);

    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('update_id', '=', update.update_id)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      prompt: 'a landing page for a coffee shop',
      status: 'queued',
      attempts: 0,
      chat_id: update.message.chat.id,
    });

    const published = await waitFor(async () => {
      const row = await database.db
        .selectFrom('outbox')
        .selectAll()
        .where('job_id', '=', job.id)
        .executeTakeFirstOrThrow();
      return row.published_at ? row : undefined;
    });
    expect(published.payload).toEqual({ jobId: job.id });
    expect(await takeJobMessages()).toContainEqual({ jobId: job.id });
  });

  it('the same update delivered three times at once makes exactly one job', async () => {
    const update = textUpdate('a portfolio for a photographer');
    const responses = await Promise.all([post(update), post(update), post(update)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await untilHandled(database.db, update.update_id);
    const jobs = await database.db.selectFrom('jobs').select('id').where('update_id', '=', update.update_id).execute();
    expect(jobs).toHaveLength(1);
    const outbox = await database.db.selectFrom('outbox').select('id').where('job_id', '=', jobs[0]!.id).execute();
    expect(outbox).toHaveLength(1);
  });

  it('a sticker gets a friendly explanation in the chat and creates no job', async () => {
    const update = stickerUpdate();
    const response = await post(update);
    expect(response.status).toBe(200);
    const reply = await answerTo(update.message.chat.id);
    expect(reply).toMatch(/text/i);
    expect(
      await database.db.selectFrom('jobs').select('id').where('update_id', '=', update.update_id).execute(),
    ).toHaveLength(0);
  });

  it('a prompt over the length limit gets a friendly refusal and creates no job', async () => {
    const update = textUpdate('a'.repeat(2001));
    expect((await post(update)).status).toBe(200);
    expect(await answerTo(update.message.chat.id)).toMatch(/under 2,000 characters/);
    expect(
      await database.db.selectFrom('jobs').select('id').where('update_id', '=', update.update_id).execute(),
    ).toHaveLength(0);
  });

  it('/start is answered with a welcome, not turned into a job', async () => {
    const update = textUpdate('/start');
    expect((await post(update)).status).toBe(200);
    expect(await answerTo(update.message.chat.id)).toMatch(/build small websites/);
    expect(
      await database.db.selectFrom('jobs').select('id').where('update_id', '=', update.update_id).execute(),
    ).toHaveLength(0);
  });
});

describe('/usage', () => {
  it('answers with the jobs and AI tokens the user spent today and this month', async () => {
    const userId = 424_242;
    const job = await database.db
      .insertInto('jobs')
      .values({ chat_id: userId, user_id: userId, prompt: 'a site', status: 'done' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('job_attempts')
      .values(
        [1, 2].map((attempt) => ({
          job_id: job.id,
          attempt,
          outcome: 'succeeded' as const,
          provider: 'openai',
          model: 'gpt-4o-mini',
          input_tokens: 100,
          output_tokens: 250,
          duration_ms: 900,
          started_at: new Date(),
        })),
      )
      .execute();

    expect((await post(textUpdate('/usage', { chatId: userId }))).status).toBe(200);
    const reply = await answerTo(userId);
    expect(reply).toContain('Today: 1 site, 700 AI tokens');
    expect(reply).toContain('This month: 1 site, 700 AI tokens');
  });
});

describe('health', () => {
  it('/health answers 200', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/ready reports the database and the broker', async () => {
    const response = await fetch(`${api.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok', queue: 'ok' });
  });
});

/** A JSON answer of the webhook. */
async function bodyOf(response: Response) {
  return (await response.json()) as { error?: string; message?: string; ok?: boolean };
}

/** The bot's first message to the chat, once the bot handled the update and sent it. */
async function answerTo(chatId: number): Promise<string> {
  await telegram.waitFor(() => telegram.messagesTo(chatId).length > 0);
  return telegram.messagesTo(chatId)[0]!;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Reads (and removes) what the relay put on this run's jobs queue. */
async function takeJobMessages(): Promise<unknown[]> {
  const connection = await amqp.connect(TEST_RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    const out: unknown[] = [];
    for (;;) {
      const message = await channel.get(queues.names.jobs, { noAck: true });
      if (!message) return out;
      out.push(JSON.parse(message.content.toString()));
    }
  } finally {
    await connection.close();
  }
}
