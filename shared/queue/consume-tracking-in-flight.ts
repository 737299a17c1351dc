import type { JobHandler, JobQueue } from './port.ts';

/**
 * Starts consuming with `handler` and keeps the deliveries it is still handling, so a role's
 * shutdown can wait for them (or for a grace period) before it closes its connections.
 */
export async function consumeTrackingInFlight(queue: JobQueue, handler: JobHandler): Promise<Set<Promise<unknown>>> {
  const inFlight = new Set<Promise<unknown>>();
  await queue.consume((message) => {
    const work = handler(message);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  });
  return inFlight;
}
