import type { Logger } from '../log/index.ts';

export interface Heartbeat {
  /** Aborted once the claim is found lost (the job ended, or another worker took it over). */
  signal: AbortSignal;
  stop(): void;
}

/**
 * Keeps a claim alive while work goes on: `renew` every `everyMs` (a third of the lease, so two
 * renewals can fail before it lapses). When `renew` reports the claim gone, `signal` aborts and the
 * work stops; a renewal that fails (database trouble) is logged and tried again at the next beat.
 */
export function startHeartbeat(renew: () => Promise<boolean>, options: { everyMs: number; log: Logger }): Heartbeat {
  const lost = new AbortController();
  let stopped = false;
  const beat = async () => {
    try {
      if (!(await renew()) && !stopped) {
        clearInterval(timer);
        lost.abort(new Error('the lease was lost'));
      }
    } catch (error) {
      options.log.warn({ err: error }, 'could not renew the lease; trying again at the next beat');
    }
  };
  const timer = setInterval(() => void beat(), options.everyMs);
  timer.unref();
  return {
    signal: lost.signal,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
