/** What Telegram saw for one delivery of an update: the status the api answered, or no answer at all. */
export type DeliveryOutcome = number | 'no answer';

/**
 * Posts `update` to the api at `apiUrl` as Telegram does (with the webhook secret) and reports what
 * Telegram would have seen: a status, or no answer when the api was gone (refused, reset mid-request).
 */
export async function deliverUpdate(apiUrl: string, secret: string, update: unknown): Promise<DeliveryOutcome> {
  try {
    const response = await fetch(`${apiUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'no answer';
  }
}
