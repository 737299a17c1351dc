import { z } from 'zod';

/** What crosses from api to worker: only the job id; the database holds the rest. */
export const jobMessageSchema = z.object({ jobId: z.uuid() }).strict();
export type JobMessage = z.infer<typeof jobMessageSchema>;

/** What the handler decided about one delivery. */
export type HandlerOutcome = { action: 'ack' } | { action: 'retry'; delayMs: number };

export type JobHandler = (message: JobMessage) => Promise<HandlerOutcome>;

/**
 * The queue port. `publish` resolves only once the broker has taken responsibility for the message.
 * `consume` delivers each valid message to the handler; a message that fails the schema is parked,
 * never handed to the handler. A handler that throws gets the message redelivered.
 */
export interface JobQueue {
  publish(message: JobMessage): Promise<void>;
  consume(handler: JobHandler): Promise<void>;
  /** Stop taking new messages; in-flight handlers may finish. */
  stopConsuming(): Promise<void>;
  /** Resolves when the broker (or the in-process queue) can take work. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Retry queue delays: the smallest tier at or above the wanted delay (TTL'd queues need fixed delays). */
export function retryTiersMs(baseDelayMs: number): number[] {
  return [1, 4, 16, 64].map((factor) => baseDelayMs * factor);
}
export function pickTier(tiers: readonly number[], delayMs: number): number {
  return tiers.find((tier) => tier >= delayMs) ?? tiers[tiers.length - 1]!;
}
