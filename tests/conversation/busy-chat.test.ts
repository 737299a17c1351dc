import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT } from '../support/conversation.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

// The default CHAT_ACTIONS_PER_MINUTE (20); the mock provider, as `npm start` runs it.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ CHAT_ACTIONS_PER_MINUTE: '20' });
});
afterAll(() => system?.close());

const documentsTo = (chatId: number) =>
  system.telegram.calls.filter(
    (c) => c.method === 'sendDocument' && c.status === 200 && Number(c.payload.chat_id) === chatId,
  );

describe('a user tapping a button again and again', { timeout: 120_000 }, () => {
  it('gets "slow down" beyond 20 actions a minute instead of more work, and never holds up another chat: its acknowledgement goes out while the tapper\'s downloads are still queued', async () => {
    const tapper = person(system);
    await tapper.say('a site for a bakery');
    const result = await tapper.waitForMessage(RESULT);
    // 25 taps on Download: with the request, 26 actions in the minute; the last 6 are beyond 20.
    for (let tap = 0; tap < 25; tap++) await tapper.tap(result, '⬇️ Download .zip');
    const slowDowns = () =>
      system.telegram.calls.filter(
        (c) =>
          c.method === 'answerCallbackQuery' &&
          c.payload.show_alert === true &&
          /a lot at once/.test(String(c.payload.text)),
      );
    await until(() => slowDowns().length === 6);

    // The tapper's 19 downloads go out one a second at most (Telegram's limit per chat): a backlog.
    const other = person(system);
    const askedAt = Date.now();
    await other.say('a site for a florist');
    const acknowledgement = await system.telegram.waitFor(() =>
      system.telegram.calls.find(
        (c) =>
          c.method === 'sendMessage' &&
          Number(c.payload.chat_id) === other.chatId &&
          /^⏳/.test(String(c.payload.text)),
      ),
    );
    const downloadsMeanwhile = documentsTo(tapper.chatId).filter((c) => c.at > askedAt && c.at < acknowledgement.at);
    expect(downloadsMeanwhile.length).toBeLessThanOrEqual(2);
    expect(documentsTo(tapper.chatId).length).toBeLessThan(19);

    await until(() => documentsTo(tapper.chatId).length === 19, 60_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(documentsTo(tapper.chatId)).toHaveLength(19);
  });
});
