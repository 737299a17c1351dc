import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PICTURE } from '../../renderer/render-site/side-by-side.ts';
import { isSerious, qualityFindingSchema } from '../../shared/previews/index.ts';
import { skipWithoutChromium, CHROMIUM_PATH } from '../support/chromium.ts';
import { person, RESULT, siteLinkOf } from '../support/conversation.ts';
import { decodePng, distinctColours } from '../support/png.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

// The renderer role beside the worker: the mock provider's sites arrive as a photo with the link.
const skipped = skipWithoutChromium('site pictures');

let system: TestSystem;
beforeAll(async () => {
  if (skipped) return;
  system = await startSystem({ CHROMIUM_PATH }, { renders: 'renderer' });
});
afterAll(() => system?.close());

/** Every final message (photo or text) this chat was sent. */
const finalMessagesTo = (chatId: number) =>
  system.telegram.calls.filter(
    (c) =>
      Number(c.payload.chat_id) === chatId &&
      (c.method === 'sendPhoto' || c.method === 'sendMessage') &&
      RESULT.test(String(c.payload.caption ?? c.payload.text)),
  );

describe('a picture of the site with the link', () => {
  it('the result is one photo of the page at phone and desktop width, with the link and the buttons in its caption', async () => {
    const ada = person(system);
    await ada.say('a landing page for a coffee shop called Bean There, with a menu and opening hours');
    const result = await ada.waitForMessage(RESULT);
    expect(result.photo).toBeDefined();
    expect(result.text).toMatch(/^✅ Your site is ready:\n<b>.+<\/b>\nhttp:\/\/127\.0\.0\.1:\d+\/p\/[a-z2-7]{26}\//);
    expect(siteLinkOf(result).previewId).toMatch(/^[a-z2-7]{26}$/);
    expect(result.buttons.flat().map((b) => b.text)).toEqual(['🔁 Regenerate', '⬇️ Download .zip', '🗑 Delete']);

    const png = decodePng(result.photo!);
    expect({ width: png.width, height: png.height }).toEqual(PICTURE);
    // A real page, not a blank or single-colour picture.
    expect(distinctColours(png)).toBeGreaterThan(50);

    const jobRow = () =>
      system.db.selectFrom('jobs').selectAll().where('chat_id', '=', ada.chatId).executeTakeFirstOrThrow();
    // Recorded right after Telegram took the message.
    await until(async () => (await jobRow()).result_message_id !== null);
    const job = await jobRow();
    expect(job.result_message_id).toBe(result.messageId);
    // The status message is taken away, as for a link alone.
    await until(() => !ada.sees().some((m) => m.messageId === job.status_message_id));
    expect(finalMessagesTo(ada.chatId)).toHaveLength(1);

    // The mock provider's page passes the quality check: nothing serious, nothing wider than a phone.
    const version = await system.db
      .selectFrom('preview_versions')
      .selectAll()
      .where('job_id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(version.quality_checked_at).not.toBeNull();
    expect(version.quality_sideways_px).toBe(0);
    expect(qualityFindingSchema.array().parse(version.quality_findings).filter(isSerious)).toEqual([]);
  });

  it("the caption is in the user's language", async () => {
    const min = person(system, { languageCode: 'ko' });
    await min.say('카페 홈페이지 만들어 줘');
    const result = await min.waitForMessage(/사이트|완성|준비/);
    expect(result.photo).toBeDefined();
  });

  it('a render delivered again sends nothing more: the final message is still one', async () => {
    const ada = person(system);
    await ada.say('a portfolio for a photographer');
    const result = await ada.waitForMessage(RESULT);
    const job = await system.db
      .selectFrom('jobs')
      .select('id')
      .where('chat_id', '=', ada.chatId)
      .executeTakeFirstOrThrow();

    await system.renders!.publish({ jobId: job.id });
    await system.renders!.publish({ jobId: job.id });
    // A later job of the same chat is answered after those deliveries were taken (one renderer, in order).
    await ada.say('a wedding invitation for Sam and Alex');
    await ada.waitForNth(RESULT, 2);
    expect(finalMessagesTo(ada.chatId)).toHaveLength(2);
    expect(ada.sees().filter((m) => m.messageId === result.messageId)).toHaveLength(1);
  });
});
