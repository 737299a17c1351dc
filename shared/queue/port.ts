import { z } from 'zod';

/** What crosses from api to worker: only the job id; the database holds the rest. */
export const jobMessageSchema = z.object({ jobId: z.uuid() }).strict();
export type JobMessage = z.infer<typeof jobMessageSchema>;

/** A message body as it travels (JSON bytes), or undefined when it is not a valid job message. */
export function parseJobMessage(content: Buffer): JobMessage | undefined {
  try {
    const parsed = jobMessageSchema.safeParse(JSON.parse(content.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What the handler decided about one delivery. */
export type HandlerOutcome = { action: 'ack' } | { action: 'retry'; delayMs: number };

export type JobHandler = (message: JobMessage) => Promise<HandlerOutcome>;

/**
 * The queue port. `publish` resolves only once the broker has taken responsibility for the message
 * (confirmed and routed to a queue); it rejects — promptly, never hanging — while the broker is
 * unreachable, so the caller (the outbox) keeps the message and tries again.
 * `consume` delivers each valid message to the handler, also across reconnects; a message that fails
 * the schema is parked, never handed to the handler. A handler that throws gets the message
 * redelivered. Delivery is at least once: handlers must be idempotent.
 */
export interface JobQueue {
  publish(message: JobMessage): Promise<void>;
  consume(handler: JobHandler): Promise<void>;
  /** Stop taking new messages; in-flight handlers may finish. */
  stopConsuming(): Promise<void>;
  /** Resolves when the broker (or the in-process queue) can take work; rejects while disconnected. */
  ping(): Promise<void>;
  /** How many processes consume the work queue now (a role that is running); rejects while disconnected. */
  consumers(): Promise<number>;
  close(): Promise<void>;
}

/** Retry queue delays: the smallest tier at or above the wanted delay (TTL'd queues need fixed delays). */
export function retryTiersMs(baseDelayMs: number): number[] {
  return [1, 4, 16, 64].map((factor) => baseDelayMs * factor);
}
export function pickTier(tiers: readonly number[], delayMs: number): number {
  return tiers.find((tier) => tier >= delayMs) ?? tiers[tiers.length - 1]!;
}
