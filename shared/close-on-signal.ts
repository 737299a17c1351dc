import type { Logger } from './log/index.ts';

/** Something started that must be stopped in reverse order on shutdown. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * On SIGTERM/SIGINT, close everything (last started first) and exit 0; a second signal or a close
 * that takes longer than `graceMs` (default 30 000 ms) exits 1. The worker's own grace period
 * (SHUTDOWN_GRACE_MS) runs inside this one, so callers pass a larger value.
 */
export function closeOnSignal(log: Logger, closables: Closable[], graceMs = 30_000): void {
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ graceMs }, 'shutdown took too long');
      process.exit(1);
    }, graceMs);
    timer.unref();
    for (const closable of [...closables].reverse()) {
      await closable.close().catch((error: unknown) => log.error({ err: error }, 'error while closing'));
    }
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}
