import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT, siteLinkOf } from '../support/conversation.ts';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { siteAnswerFor } from '../support/fake-ai-server.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

let system: TestSystem;
let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi();
  system = await startSystem({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test-groups', AI_BASE_URL: ai.baseUrl });
});
afterAll(async () => {
  await system?.close();
  await ai?.close();
});

const blockedAt = async (userId: number) =>
  (await system.db.selectFrom('users').select('bot_blocked_at').where('user_id', '=', userId).executeTakeFirst())
    ?.bot_blocked_at ?? null;
const sendsTo = (chatId: number) =>
  system.telegram.calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId);

describe('a user who blocks the bot', () => {
  it('is marked from my_chat_member, the job in flight sends them nothing, and unblocking clears the mark', async () => {
    const ada = person(system);
    ai.enqueue({ body: chatCompletion(siteAnswerFor('a slow site')), chunkChars: 40, chunkDelayMs: 100 });
    const status = async () =>
      (await system.db.selectFrom('jobs').select('status').where('chat_id', '=', ada.chatId).executeTakeFirst())
        ?.status;
    await ada.say('a site for a tea room');
    await ada.waitForMessage(/^⏳|^⚙️/);
    // Blocked while a worker runs the job (blocked before the claim, the job is cancelled instead).
    await until(async () => (await status()) === 'running', 20_000);
    await ada.setBlocked(true);
    expect(await blockedAt(ada.userId)).not.toBeNull();
    await until(async () => (await status()) === 'done', 20_000);
    // Only the acknowledgement went out; the result was not sent to someone who blocked the bot.
    await new Promise((r) => setTimeout(r, 500));
    expect(sendsTo(ada.chatId)).toHaveLength(1);

    await ada.setBlocked(false);
    expect(await blockedAt(ada.userId)).toBeNull();
  });

  it('a 403 on the final message marks the user and is not retried', async () => {
    const ada = person(system);
    await ada.say('a site for a boat club');
    await ada.waitForMessage(/^⏳|^⚙️/);
    system.telegram.script('sendMessage', {
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    await until(async () => (await blockedAt(ada.userId)) !== null, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(sendsTo(ada.chatId).filter((c) => c.status === 403)).toHaveLength(1);
    expect(sendsTo(ada.chatId).filter((c) => c.status === 200)).toHaveLength(1); // the acknowledgement only
  });
});

describe('in a group', () => {
  it('says hello when added, ignores chatter, answers /new, mentions and replies to its results', async () => {
    const groupId = -1_000_000 - Math.floor(Math.random() * 1e6);
    const ada = person(system, { groupId });
    const jobs = async () =>
      (
        await system.db.selectFrom('jobs').select('kind').where('chat_id', '=', groupId).orderBy('created_at').execute()
      ).map((j) => j.kind);

    await ada.addBotToGroup();
    await ada.waitForMessage(/Ask with <code>\/new/);

    await ada.say('anyone up for lunch?');
    await ada.sendSticker();
    await ada.say('/new@test_bot a site for our book club');
    const first = await ada.waitForMessage(RESULT);
    expect(await jobs()).toEqual(['create']);
    // The answer replies to the message that asked, so the group sees whose site it is.
    expect(first.replyTo).toBeDefined();

    await ada.say('@test_bot a page for the chess night');
    await ada.waitForNth(RESULT, 2);
    await ada.say('make it green', { replyTo: first });
    const revised = await ada.waitForMessage(/Version 2 is ready/);
    expect(siteLinkOf(revised).previewId).toBe(siteLinkOf(first).previewId);
    expect(await jobs()).toEqual(['create', 'create', 'revise']);
    expect(ada.sees().some((m) => /I understand text only/.test(m.text))).toBe(false);
  });
});
