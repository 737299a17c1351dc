import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one metrics registry of this process. Each service defines its metrics on it in its own
 * `metrics` module, and every port that serves /metrics exposes all of it: in `npm start` (api,
 * worker and preview in one process) the api, worker and preview-metrics ports answer the same.
 * Node's own process metrics (CPU, memory, event-loop lag, GC) come with it, named like ours.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'orchestrator_' });
