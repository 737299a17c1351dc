import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT } from '../support/conversation.ts';
import { openAiError, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi();
  system = await startSystem({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test-sites', AI_BASE_URL: ai.baseUrl });
});
afterAll(async () => {
  await system?.close();
  await ai?.close();
});

describe('failures and /sites', () => {
  it('a failure ends with one plain-words message and a retry button that builds it', async () => {
    const ada = person(system);
    ai.enqueue(openAiError(400, 'Invalid value for temperature', 'invalid_request_error'));
    await ada.say('a site for a surf school');
    const failure = await ada.waitForMessage(/could not build your site/);
    expect(failure.text).toBe(
      '❌ Sorry, I could not build your site. The site generator could not handle this request. Try describing your site differently.',
    );
    expect(failure.text).not.toMatch(/openai|400|temperature|sk-/i);
    expect(failure.buttons.flat().map((b) => b.text)).toEqual(['🔁 Try again']);

    await ada.tap(failure, '🔁 Try again');
    const result = await ada.waitForMessage(RESULT);
    expect(result.text).toContain('a site for a surf school');
  });

  it('/sites lists the newest sites five at a time, with links, versions and age, paged with buttons', async () => {
    const ada = person(system);
    // Seven sites, as if built over the past week (the listing reads what jobs recorded).
    for (let i = 0; i < 7; i++) {
      const job = await system.db
        .insertInto('jobs')
        .values({ chat_id: ada.chatId, user_id: ada.userId, prompt: `site ${i}`, status: 'done', version: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = `${'a'.repeat(25)}${'bcdefgh'[i]}`;
      const updatedAt = new Date(Date.now() - i * 24 * 60 * 60 * 1000);
      await system.db
        .insertInto('previews')
        .values({
          id,
          job_id: job.id,
          title: `Site <${i}>`,
          expires_at: new Date(Date.now() + 86_400_000),
          updated_at: updatedAt,
          latest_version: i === 0 ? 3 : 1,
        })
        .execute();
    }
    await ada.say('/sites');
    const page1 = await ada.waitForMessage(/Your sites/);
    expect(page1.text).toContain('(page 1 of 2)');
    expect(page1.text).toContain(
      `• <a href="${system.previewUrl}/p/${'a'.repeat(25)}b/">Site &lt;0&gt;</a> — v3, today`,
    );
    expect(page1.text).toContain('Site &lt;4&gt;</a> — v1, 4 days ago');
    expect(page1.text).not.toContain('Site &lt;5&gt;');
    expect(page1.buttons.flat().map((b) => b.text)).toEqual(['Older ▶']);

    await ada.tap(page1, 'Older ▶');
    const page2 = await ada.waitForMessage(/page 2 of 2/);
    expect(page2.messageId).toBe(page1.messageId); // the same message, edited
    expect(page2.text).toContain('Site &lt;6&gt;</a> — v1, 6 days ago');
    expect(page2.buttons.flat().map((b) => b.text)).toEqual(['◀ Newer']);
  });

  it('/sites without any sites says how to make one', async () => {
    const ada = person(system);
    await ada.say('/sites');
    await ada.waitForMessage(/You have no sites yet/);
  });
});
