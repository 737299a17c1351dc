import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT, siteLinkOf } from '../support/conversation.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

// The mock provider (AI_PROVIDER unset), as `npm start` runs it: no vendor, a real pipeline.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

const callsTo = (chatId: number) =>
  system.telegram.calls.filter((c) => Number(c.payload.chat_id) === chatId && c.method !== 'sendChatAction');

describe('a first conversation', () => {
  it('/start welcomes with three example prompts; tapping one builds that site with a status message, then the link', async () => {
    const ada = person(system);
    await ada.say('/start');
    const welcome = await ada.waitForMessage(/I build small websites/);
    expect(welcome.buttons.flat().map((b) => b.text)).toEqual(['☕ Coffee shop', '📷 Photographer', '🧘 Yoga studio']);

    await ada.tap(welcome, '☕ Coffee shop');
    // The tap is answered (the spinner on the button stops).
    await until(() => system.telegram.calls.filter((c) => c.method === 'answerCallbackQuery').length >= 1);
    const result = await ada.waitForMessage(RESULT);
    expect(result.text).toMatch(/^✅ Your site is ready:\n<b>.+<\/b>\nhttp:\/\/127\.0\.0\.1:\d+\/p\/[a-z2-7]{26}\//);
    expect(result.text).toContain('Reply to this message to change the site.');
    // Regenerate and download; no restore buttons for a first version; Open needs a public https link.
    expect(result.buttons.flat().map((b) => b.text)).toEqual(['🔁 Regenerate', '⬇️ Download .zip', '🗑 Delete']);

    // The status message went: acknowledged → edited through the stages while the job ran → taken
    // away for the answer. The mock answers at once, so stages come faster than edits may: each edit
    // shows the newest, and one still waiting for its send slot when the answer is ready is dropped,
    // so none lands after the answer (there may be none at all).
    const calls = callsTo(ada.chatId).slice(1); // after the welcome
    const ack = calls[0]!;
    expect(ack.method).toBe('sendMessage');
    expect(ack.payload.text).toMatch(/^⏳ Got it!/);
    const edits = calls.filter((c) => c.method === 'editMessageText');
    const answerAt = calls.findIndex((c) => c.method === 'sendMessage' && RESULT.test(String(c.payload.text)));
    expect(answerAt).toBeGreaterThan(0);
    expect(calls.slice(answerAt).filter((c) => c.method === 'editMessageText')).toEqual([]);
    for (const edit of edits)
      expect(edit.payload.text).toMatch(
        /^(⚙️ Writing your site…|🔍 Checking the page is safe to publish…|📦 Publishing…)/,
      );
    const job = await system.db
      .selectFrom('jobs')
      .selectAll()
      .where('chat_id', '=', ada.chatId)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', kind: 'create', version: 1 });
    expect(job.prompt).toContain('coffee shop');
    expect(edits.every((e) => e.payload.message_id === job.status_message_id)).toBe(true);
    await until(() => callsTo(ada.chatId).at(-1)?.method === 'deleteMessage');
    expect(callsTo(ada.chatId).at(-1)!.payload.message_id).toBe(job.status_message_id);
    // What the user sees in the end: the welcome and the result, nothing stale.
    expect(ada.sees().map((m) => m.messageId)).toEqual([welcome.messageId, result.messageId]);

    const page = await fetch(siteLinkOf(result).url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/coffee shop/i);
  });

  it('/help lists the commands; the command menu is registered in English and Korean', async () => {
    const ada = person(system);
    await ada.say('/help');
    const help = await ada.waitForMessage(/How it works/);
    for (const command of ['/new', '/sites', '/cancel', '/usage']) expect(help.text).toContain(command);
    const menus = system.telegram.calls.filter((c) => c.method === 'setMyCommands');
    expect(menus.map((c) => String(c.payload.language_code ?? 'default')).sort()).toEqual(['default', 'ko']);
    const commands = menus.find((c) => !c.payload.language_code)!.payload.commands as { command: string }[];
    expect(commands.map((c) => c.command)).toEqual(['new', 'sites', 'cancel', 'usage', 'help']);
  });

  it('/new with a description builds it; /new alone asks for one', async () => {
    const ada = person(system);
    await ada.say('/new');
    await ada.waitForMessage(/Describe the website you want/);
    await ada.say('/new a page for a chess club');
    const result = await ada.waitForMessage(RESULT);
    expect(result.text).toMatch(/chess club/i);
  });

  it('speaks Korean to a Korean Telegram client, from the welcome to the result', async () => {
    const minji = person(system, { languageCode: 'ko' });
    await minji.say('/start');
    const welcome = await minji.waitForMessage(/작은 웹사이트를 만들어 드립니다/);
    expect(welcome.buttons.flat().map((b) => b.text)).toEqual(['☕ 카페', '📷 사진작가', '🧘 요가 스튜디오']);
    await minji.say('작은 빵집 웹사이트');
    const result = await minji.waitForMessage(/사이트가 준비되었습니다/);
    expect(result.buttons.flat().map((b) => b.text)).toEqual(['🔁 다시 만들기', '⬇️ .zip 다운로드', '🗑 삭제']);
  });

  it('an unknown command and a prompt that is only a command get a short pointer, no job', async () => {
    const ada = person(system);
    await ada.say('/frobnicate');
    await ada.waitForMessage(/I do not know that command/);
    expect(await system.db.selectFrom('jobs').select('id').where('chat_id', '=', ada.chatId).execute()).toHaveLength(0);
  });
});
