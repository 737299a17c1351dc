import { sql, type Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import { JOB_STATUSES } from '../../shared/jobs/index.ts';
import { readQueueDepths } from '../../shared/queue/queue-depths.ts';
import { describeError } from '../describe-error.ts';
import type { OpsBroker } from '../open-broker.ts';

const windows = [
  { window: 'last hour', interval: '1 hour' },
  { window: 'last day', interval: '1 day' },
] as const;

/**
 * One row per window: jobs created in it by status, p50/p95 of created → finished for jobs that
 * finished `done` in it, and tokens and estimated cost of the provider calls made in it. Then the
 * queues (RabbitMQ only: the in-process queue lives inside the service) and the outbox backlog.
 * A broker that cannot be reached is reported in its place: in an outage the rest matters most.
 */
export async function collectStats(db: Kysely<Database>, broker: () => Promise<OpsBroker | undefined>) {
  const jobs = [];
  const providerUsage = [];
  for (const { window, interval } of windows) {
    const since = sql<Date>`now() - ${interval}::interval`;
    const counts = await db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('created_at', '>', since)
      .groupBy('status')
      .execute();
    const durations = await db
      .selectFrom('jobs')
      .select([
        sql<
          number | null
        >`percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at)::float8 * 1000)`.as(
          'p50',
        ),
        sql<
          number | null
        >`percentile_cont(0.95) within group (order by extract(epoch from finished_at - created_at)::float8 * 1000)`.as(
          'p95',
        ),
      ])
      .where('status', '=', 'done')
      .where('finished_at', '>', since)
      .executeTakeFirstOrThrow();
    const usage = await db
      .selectFrom('job_attempts')
      .select([
        (eb) => eb.fn.countAll<number>().as('calls'),
        sql<number>`coalesce(sum(input_tokens), 0)`.as('inputTokens'),
        sql<number>`coalesce(sum(output_tokens), 0)`.as('outputTokens'),
        // numeric, summed in SQL and read as a string: no float rounding on money.
        sql<string>`coalesce(sum(cost_usd), 0)`.as('costUsd'),
      ])
      .where('finished_at', '>', since)
      .executeTakeFirstOrThrow();
    const byStatus = Object.fromEntries(
      JOB_STATUSES.map((status) => [status, counts.find((row) => row.status === status)?.count ?? 0]),
    );
    jobs.push({ window, ...byStatus, p50Ms: roundOrNull(durations.p50), p95Ms: roundOrNull(durations.p95) });
    providerUsage.push({
      window,
      calls: usage.calls,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      costUsd: usage.costUsd,
    });
  }

  const outbox = await db
    .selectFrom('outbox')
    .select([(eb) => eb.fn.countAll<number>().as('unpublished'), (eb) => eb.fn.min('created_at').as('oldestCreatedAt')])
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();

  return { jobs, providerUsage, queues: await queueDepths(broker), outbox };
}

async function queueDepths(openBroker: () => Promise<OpsBroker | undefined>) {
  let broker;
  try {
    broker = await openBroker();
  } catch (error) {
    return { broker: 'rabbitmq', error: `unreachable: ${describeError(error, [])}` };
  }
  if (!broker) return { broker: 'in-process (RABBITMQ_URL unset): depths are known only inside the running service' };
  const depths = await readQueueDepths(broker.channel, broker.names);
  return {
    broker: 'rabbitmq',
    jobsQueue: broker.names.jobs,
    jobsReady: depths.jobsReady,
    jobsConsumers: depths.jobsConsumers,
    parkingQueue: broker.names.parked,
    parked: depths.parked,
  };
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
