import type { InboxUpdate } from '../inbox/record-updates.ts';

/** Telegram's update ids are positive and fit 32 bits (they count up from a positive number). */
export const MAX_UPDATE_ID = 2 ** 31 - 1;

/** A webhook body that is not a Telegram update: answered 400 with the reason. */
export class WebhookBodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'bad_request';
}

/**
 * The cheap checks an update gets before it is recorded: JSON, an object, a positive 32-bit
 * `update_id` (a larger one is not from Telegram and would outgrow what ids are compared with), and
 * its type (the one other field). Everything else is the bot's to read, later.
 */
export function readUpdate(body: string): InboxUpdate {
  let update: unknown;
  try {
    update = JSON.parse(body);
  } catch {
    throw new WebhookBodyError('the body is not valid JSON');
  }
  if (typeof update !== 'object' || update === null || Array.isArray(update))
    throw new WebhookBodyError('the body is not a Telegram update (a JSON object with an update_id)');
  const updateId = (update as { update_id?: unknown }).update_id;
  if (typeof updateId !== 'number' || !Number.isInteger(updateId) || updateId < 1 || updateId > MAX_UPDATE_ID)
    throw new WebhookBodyError(`update_id must be an integer from 1 to ${MAX_UPDATE_ID}`);
  const kind = Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
  return { updateId, kind, payload: body };
}
