import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../support/system.ts';
import { textUpdate } from '../support/updates.ts';
import { until } from '../support/until.ts';

let system: TestSystem;

beforeAll(async () => {
  // The fake Bot API answers 429 to anything beyond ~1 message/s per chat and 30/s overall.
  system = await startSystem({ WORKER_CONCURRENCY: '16' }, { telegram: { enforceLimits: true } });
});
afterAll(() => system?.close());

it('a burst of 30 jobs from 10 chats loses no message under Telegram rate limits', async () => {
  const chats = Array.from({ length: 10 }, (_, i) => 90_000 + i);
  const updates = chats.flatMap((chatId) =>
    [1, 2, 3].map((n) => textUpdate(`site number ${n} for chat ${chatId}`, { chatId })),
  );
  const responses = await Promise.all(updates.map((update) => system.postUpdate(update)));
  expect(responses.every((r) => r.status === 200)).toBe(true);

  const links = (chatId: number) =>
    system.telegram.messagesTo(chatId).filter((text) => /\/p\/[a-z2-7]{26}\//.test(text));
  await system.telegram.waitFor(() => chats.every((chatId) => links(chatId).length === 3), 40_000);
  // Acknowledgements wait for send slots like everything else: under load one may land after its link.
  await system.telegram
    .waitFor(() => chats.every((chatId) => system.telegram.messagesTo(chatId).length >= 6), 20_000)
    .catch(() => undefined);

  for (const chatId of chats) {
    expect(links(chatId)).toHaveLength(3);
    expect(system.telegram.messagesTo(chatId)).toHaveLength(6); // acknowledgement + link, per job
  }
  // The fake Bot API shows a link a moment before its worker records the message's id.
  const recorded = async () =>
    (await system.db.selectFrom('jobs').select(['status', 'result_message_id']).execute()).filter(
      (job) => job.status === 'done' && job.result_message_id !== null,
    );
  await until(async () => (await recorded()).length === 30, 20_000).catch(() => undefined);
  expect(await recorded()).toHaveLength(30);
});
