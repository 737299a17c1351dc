import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT, siteLinkOf } from '../support/conversation.ts';
import type { ChatMessage } from '../support/fake-telegram.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

// The mock provider (AI_PROVIDER unset), as `npm start` runs it; tests set MOCK_DELAY_MS=0.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

const page = async (url: string) => (await fetch(url)).text();

/**
 * A reply revises the site only once the worker has recorded which message showed it; the fake
 * Bot API shows the message a moment earlier. A person never replies that fast; a test can.
 */
const recorded = (chatId: number, result: ChatMessage) =>
  until(async () =>
    Boolean(
      await system.db
        .selectFrom('jobs')
        .select('id')
        .where('chat_id', '=', chatId)
        .where('result_message_id', '=', result.messageId)
        .executeTakeFirst(),
    ),
  );

describe('the offline composer in a conversation', () => {
  it('builds the site a Korean prompt describes, in Korean, with the facts it gives', async () => {
    const minji = person(system, { languageCode: 'ko' });
    await minji.say("서울 종로구 한식당 '한강식당' 메뉴 페이지: 비빔밥 12,000원, 김치찌개 9,000원, 전화 02-123-4567");
    const result = await minji.waitForMessage(/사이트가 준비되었습니다/);
    expect(result.text).toContain('<b>한강식당</b>');
    const html = await page(siteLinkOf(result).url);
    expect(html).toContain('<html lang="ko">');
    for (const fact of ['비빔밥', '12,000원', '02-123-4567', '메뉴']) expect(html).toContain(fact);
  });

  it('a reply changes what it asks for on the published version: "add a FAQ", then "make it dark" and "remove the prices"', async () => {
    const ada = person(system);
    await ada.say(
      'A landing page for Bean There, a coffee shop in Lisbon: menu with flat white €3.50 and espresso €1.20',
    );
    const first = await ada.waitForMessage(RESULT);
    const { url } = siteLinkOf(first);
    expect(await page(url)).not.toContain('id="faq"');

    await recorded(ada.chatId, first);
    await ada.say('add a FAQ', { replyTo: first });
    const second = await ada.waitForMessage(/Version 2 is ready/);
    const v2 = await page(url);
    expect(v2).toContain('id="faq"');
    expect(v2).toContain('Flat white');
    expect(v2).toContain('theme-light');

    await recorded(ada.chatId, second);
    await ada.say('make it dark and remove the prices', { replyTo: second });
    await ada.waitForMessage(/Version 3 is ready/);
    const v3 = await page(url);
    expect(v3).toContain('theme-dark');
    expect(v3).toContain('id="faq"');
    expect(v3).toContain('Flat white');
    expect(v3).not.toContain('€3.50');
    // Earlier versions stay as they were.
    expect(await page(`${url}v/2/`)).toContain('€3.50');
  });
});
