import type { Kysely } from 'kysely';
import type { Database, JobStatus } from '../../shared/db/schema.ts';
import type { JobHandler } from '../../shared/queue/index.ts';
import { jobAttemptSeconds, jobTurnaroundSeconds, type AttemptOutcome } from './worker-metrics.ts';

const outcomeOf: Partial<Record<JobStatus, AttemptOutcome>> = {
  done: 'done',
  failed: 'failed',
  queued: 'retried',
  cancelled: 'cancelled',
};

/**
 * The job handler with each attempt observed: its duration and outcome, and for a job that ended,
 * the time since its request. The handler's answer (ack or retry) does not tell whether an attempt
 * ran — a redelivery of a finished job, or of one another worker holds, runs none — so the job's
 * row is read before and after: an attempt ran when its `attempts` went up, and its outcome is the
 * status it left. A delivery that ran no attempt, or whose row cannot be read, is not observed; the
 * job is handled exactly as without this wrapper.
 */
export function measureJobAttempts(db: Kysely<Database>, handler: JobHandler): JobHandler {
  return async (message) => {
    const before = await readJob(db, message.jobId);
    const startedAt = performance.now();
    const answer = await handler(message);
    const seconds = (performance.now() - startedAt) / 1000;
    const after = before && (await readJob(db, message.jobId));
    const outcome = after && after.attempts > before.attempts ? outcomeOf[after.status] : undefined;
    if (after && outcome) {
      jobAttemptSeconds.observe({ outcome }, seconds);
      if (outcome !== 'retried' && after.finished_at) {
        jobTurnaroundSeconds.observe({ outcome }, (after.finished_at.getTime() - after.created_at.getTime()) / 1000);
      }
    }
    return answer;
  };
}

function readJob(db: Kysely<Database>, jobId: string) {
  return db
    .selectFrom('jobs')
    .select(['status', 'attempts', 'created_at', 'finished_at'])
    .where('id', '=', jobId)
    .executeTakeFirst()
    .catch(() => undefined);
}
