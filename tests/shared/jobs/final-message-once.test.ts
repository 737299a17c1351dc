import { Api } from 'grammy';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob } from '../../../shared/jobs/index.ts';
import { deliverFinalMessage, type ChatDeps } from '../../../shared/jobs/deliver-final-message.ts';
import { startFakeTelegram } from '../../support/fake-telegram.ts';
import { testLogger } from '../../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const CLAIM_MS = 5000;
let database: TestDatabase;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let chat: ChatDeps;
let nextChat = 7000;

beforeAll(async () => {
  database = await createTestDatabase();
  telegram = await startFakeTelegram();
  chat = {
    telegram: new Api('123:once-test', { apiRoot: telegram.apiRoot }),
    db: database.db,
    previewBaseUrl: 'http://preview.test',
    replyClaimMs: CLAIM_MS,
  };
});
afterAll(async () => {
  await telegram?.close();
  await database?.drop();
});

/** A job in the given state, as the worker would have left it. */
async function jobIn(state: { status: 'queued' | 'running' | 'failed'; leaseMs?: number; resultMessageId?: number }) {
  const chatId = nextChat++;
  const job = await database.db
    .insertInto('jobs')
    .values({
      chat_id: chatId,
      prompt: 'a site',
      status: state.status,
      attempts: state.status === 'queued' ? 0 : 1,
      lease_until:
        state.leaseMs === undefined ? null : sql<Date>`now() + make_interval(secs => ${state.leaseMs / 1000})`,
      user_error: state.status === 'failed' ? 'The site generator is not answering right now.' : null,
      result_message_id: state.resultMessageId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { chatId, jobId: job.id };
}

describe('claiming a job', () => {
  it('a redelivered message for a running job whose lease is still valid is told to come back when the lease ends', async () => {
    const { jobId } = await jobIn({ status: 'running', leaseMs: 30_000 });
    const claim = await claimJob(database.db, jobId, 60_000);
    expect(claim.kind).toBe('busy');
    expect(claim.kind === 'busy' && claim.leaseLeftMs).toBeGreaterThan(25_000);
    expect(
      (await database.db.selectFrom('jobs').select('attempts').where('id', '=', jobId).executeTakeFirstOrThrow())
        .attempts,
    ).toBe(1);
  });

  it('a running job whose lease ran out (its worker died) is claimed again, as the next attempt', async () => {
    const { jobId } = await jobIn({ status: 'running', leaseMs: -1000 });
    const claim = await claimJob(database.db, jobId, 60_000);
    expect(claim.kind === 'claimed' && claim.job.attempts).toBe(2);
  });

  it('of ten deliveries of one queued job racing to claim it, exactly one wins', async () => {
    const { jobId } = await jobIn({ status: 'queued' });
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimJob(database.db, jobId, 60_000)));
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'busy')).toHaveLength(9);
  });
});

describe('the final message', () => {
  it('is sent once when several deliveries of a finished job arrive together; the others come back later or find it sent', async () => {
    const { chatId, jobId } = await jobIn({ status: 'failed' });
    const results = await Promise.all(Array.from({ length: 5 }, () => deliverFinalMessage(chat, jobId, testLogger())));
    expect(telegram.messagesTo(chatId)).toHaveLength(1);
    // A delivery that lost the race either waits out the sender's claim, or (when it ran after the
    // winner had recorded the message) finds it sent: never a second message.
    expect(results.every((r) => r === undefined || (r.retryInMs > 0 && r.retryInMs <= CLAIM_MS))).toBe(true);

    // The retries find it sent, and send nothing.
    expect(await deliverFinalMessage(chat, jobId, testLogger())).toBeUndefined();
    expect(telegram.messagesTo(chatId)).toHaveLength(1);
  });

  it('is not sent again once recorded (a worker that died after sending, before acking)', async () => {
    const { chatId, jobId } = await jobIn({ status: 'failed', resultMessageId: 55 });
    expect(await deliverFinalMessage(chat, jobId, testLogger())).toBeUndefined();
    expect(telegram.messagesTo(chatId)).toEqual([]);
  });

  it('is sent by a later delivery when the worker holding the claim died before sending', async () => {
    const { chatId, jobId } = await jobIn({ status: 'failed', leaseMs: -1000 });
    expect(await deliverFinalMessage(chat, jobId, testLogger())).toBeUndefined();
    expect(telegram.messagesTo(chatId)).toHaveLength(1);
    const job = await database.db
      .selectFrom('jobs')
      .select(['result_message_id', 'lease_until'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job.result_message_id).not.toBeNull();
    expect(job.lease_until).toBeNull();
  });
});
