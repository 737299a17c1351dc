import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT } from '../support/conversation.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

const ADMIN_ID = 4_242_424;
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({
    QUOTA_RUNNING_JOBS: '1',
    QUOTA_JOBS_PER_HOUR: '2',
    QUOTA_JOBS_PER_DAY: '5',
    ADMIN_USER_IDS: `${ADMIN_ID}, 17`,
  });
});
afterAll(() => system?.close());

const jobCount = async (chatId: number) =>
  (await system.db.selectFrom('jobs').select('id').where('chat_id', '=', chatId).execute()).length;

describe('limits that protect the service and the user', () => {
  it('one running job at a time, then the hourly quota, each with an answer that says what to do; /usage shows what is left', async () => {
    const ada = person(system);
    await ada.say('a site for a bike shop');
    await ada.say('a site for a bakery');
    await ada.waitForMessage(/still building your previous site/);
    await ada.waitForNth(RESULT, 1);
    expect(await jobCount(ada.chatId)).toBe(1);

    await ada.say('/usage');
    await ada.waitForMessage(/Left: 1 site this hour, 4 sites in the next 24 hours/);

    await ada.say('a site for a bakery');
    await ada.waitForNth(RESULT, 2);
    await ada.say('a site for a flower shop');
    const refusal = await ada.waitForMessage(/the most I can build per hour/);
    expect(refusal.text).toMatch(
      /You have asked for 2 sites in the last hour, .* You can ask again in (59|60) minutes\./,
    );
    expect(await jobCount(ada.chatId)).toBe(2);

    // A refused button tap says the same, as an alert.
    const result = await ada.waitForNth(RESULT, 2);
    await ada.tap(result, '🔁 Regenerate');
    await until(() =>
      system.telegram.calls.some(
        (c) => c.method === 'answerCallbackQuery' && c.payload.show_alert && /per hour/.test(String(c.payload.text)),
      ),
    );
    expect(await jobCount(ada.chatId)).toBe(2);
  });

  it('admins have no quota', async () => {
    const admin = person(system, { userId: ADMIN_ID });
    for (const prompt of ['a site for a zoo', 'a site for a farm', 'a site for a lake']) await admin.say(prompt);
    await admin.waitForNth(RESULT, 3);
    await admin.say('/usage');
    await admin.waitForMessage(/No limits apply to you/);
  });

  it('stickers, photos and voice notes get a short explanation; a long prompt a friendly refusal; an edit a hint — none makes a job', async () => {
    const ada = person(system);
    await ada.sendSticker();
    await ada.sendPhoto();
    await ada.sendVoice();
    await until(() => ada.sees().filter((m) => /I understand text only/.test(m.text)).length === 3);
    await ada.say('x'.repeat(2001));
    await ada.waitForMessage(/That description is 2,001 characters long; please keep it under 2,000 characters/);
    await ada.edit('a site for a bakery, with prices');
    await ada.waitForMessage(/your edit changes nothing/);
    expect(await jobCount(ada.chatId)).toBe(0);
  });

  it('a channel post is accepted and ignored', async () => {
    const response = await system.postUpdate({
      update_id: 1_100_000_001,
      channel_post: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: -100777, type: 'channel', title: 'News' },
        text: 'a site please',
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true }); // no Bot API call in the answer
    expect(await jobCount(-100777)).toBe(0);
  });
});
