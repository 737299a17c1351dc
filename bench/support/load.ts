import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export type LoadOptions = {
  url: string;
  connections: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body per request (e.g. a new update_id each time). */
  body?: () => string;
} & (
  | { durationSec: number; amount?: never }
  /** Exactly this many requests, as fast as the connections allow (a burst). */
  | { amount: number; durationSec?: never }
);

/** Drives a URL with autocannon (a real load generator, in this process's event loop) and summarizes. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.durationSec } : { amount: options.amount }),
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: options.body
      ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: options.body!() }) }]
      : undefined,
  });
  return {
    requests: result.requests.total,
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
