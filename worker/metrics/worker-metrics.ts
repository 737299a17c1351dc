import { Counter, Histogram } from 'prom-client';
import { metricsRegistry, scrapedGauge } from '../../shared/metrics/index.ts';

// The worker's metrics, on the process registry; README ("Metrics") lists every one.

/** How an attempt ended: the job's status right after it (`queued` again means a retry is scheduled). */
export type AttemptOutcome = 'done' | 'failed' | 'retried' | 'cancelled';

export const jobAttemptSeconds = new Histogram<'outcome'>({
  name: 'orchestrator_job_attempt_duration_seconds',
  help: 'One attempt at a job, from claim to its recorded outcome (done, failed, retried, cancelled); _count is attempts by outcome.',
  labelNames: ['outcome'],
  buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
  registers: [metricsRegistry],
});

export const jobTurnaroundSeconds = new Histogram<'outcome'>({
  name: 'orchestrator_job_turnaround_seconds',
  help: 'A finished job from its request to its end (done, failed, cancelled), retries included: how long the user waited.',
  labelNames: ['outcome'],
  buckets: [5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600],
  registers: [metricsRegistry],
});

export const providerCallSeconds = new Histogram<'provider' | 'outcome'>({
  name: 'orchestrator_provider_call_duration_seconds',
  help: 'One AI provider call, streaming included, by provider and outcome (ok, or the error code: provider_failed, invalid_answer, …).',
  labelNames: ['provider', 'outcome'],
  buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
  registers: [metricsRegistry],
});

export const providerTokens = new Counter<'provider' | 'direction'>({
  name: 'orchestrator_provider_tokens_total',
  help: 'Tokens the AI providers reported, by provider and direction (input, output).',
  labelNames: ['provider', 'direction'],
  registers: [metricsRegistry],
});

export const providerCostUsd = new Counter<'provider'>({
  name: 'orchestrator_provider_cost_usd_total',
  help: 'Estimated cost of the provider calls in USD (price table times reported tokens), by provider.',
  labelNames: ['provider'],
  registers: [metricsRegistry],
});

export const queueMessages = scrapedGauge<'queue'>({
  name: 'orchestrator_queue_messages',
  help: 'Messages ready in the RabbitMQ jobs queue and in the parking queue (queue="jobs", "parked"), asked at scrape time (absent while the broker cannot be asked, and with the in-process queue).',
  labelNames: ['queue'],
});
