import type { Kysely } from 'kysely';
import type { Database, NewJob, NewJobAttempt } from '../../shared/db/schema.ts';

const minuteMs = 60_000;

/** A time `minutes` ago. */
export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * minuteMs);

/** A job row of this test's own, as the pipeline would have left it. */
export async function insertJob(db: Kysely<Database>, values: Partial<NewJob> = {}) {
  return db
    .insertInto('jobs')
    .values({ chat_id: 1000 + Math.floor(Math.random() * 1e6), prompt: 'a landing page for a bakery', ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One provider call of a job. */
export async function insertAttempt(db: Kysely<Database>, jobId: string, values: Partial<NewJobAttempt> = {}) {
  const startedAt = values.started_at ?? minutesAgo(5);
  await db
    .insertInto('job_attempts')
    .values({
      job_id: jobId,
      attempt: 1,
      outcome: 'succeeded',
      provider: 'mock',
      duration_ms: 1200,
      started_at: startedAt,
      finished_at: startedAt,
      ...values,
    })
    .execute();
}
