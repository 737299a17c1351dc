import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageUsedBy } from '../../shared/previews/index.ts';
import { person, RESULT, siteLinkOf, type Person } from '../support/conversation.ts';
import type { ChatMessage } from '../support/fake-telegram.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

/**
 * A user deletes a site they no longer need (the way out the storage-full answer names): 🗑 Delete
 * under a result, then "Delete for good? Yes". The worker takes the site offline as `ops preview
 * delete` does; only the site's author or a group admin may (issue 14, point 2).
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ QUOTA_STORAGE_MB: '1' });
});
afterAll(() => system?.close());

let lastGroupId = -7_000_000 - Math.floor(Math.random() * 1e6);
const newGroupId = () => --lastGroupId;

const statusOf = (url: string) => fetch(url).then((r) => r.status);
const deleteJobsOf = (previewId: string) =>
  system.db
    .selectFrom('jobs')
    .select(['status', 'user_id'])
    .where('preview_id', '=', previewId)
    .where('kind', '=', 'delete')
    .execute();
const buttonsOf = (message: ChatMessage) => message.buttons.flat().map((b) => b.text);
/** The message as the chat shows it now (after the bot's edits). */
const current = (who: Person, message: ChatMessage) => who.sees().find((m) => m.messageId === message.messageId)!;

/** A site `who` asked for, online: its result message, link and id. */
async function siteOf(who: Person, prompt: string) {
  await who.say(prompt);
  const result = await who.waitForMessage(/^✅/);
  const { url, previewId } = siteLinkOf(result);
  expect(await statusOf(url)).toBe(200);
  return { result, url, previewId };
}

describe('deleting a site', () => {
  it('the author deletes it in two taps: one confirmation, the link answers 410, /sites no longer lists it and its storage is free', async () => {
    const ada = person(system);
    const { result, url, previewId } = await siteOf(ada, 'a site for my bakery');
    expect(await storageUsedBy(system.db, ada.userId, new Date())).toBeGreaterThan(0);

    expect((await ada.tapForAnswer(result, '🗑 Delete')).payload.show_alert).toBeUndefined();
    const asking = current(ada, result);
    expect(buttonsOf(asking)).toEqual(['🗑 Delete for good? Yes', 'No, keep it']);
    // Nothing is deleted on the first tap.
    expect(await deleteJobsOf(previewId)).toEqual([]);
    expect(await statusOf(url)).toBe(200);

    await ada.tapForAnswer(asking, '🗑 Delete for good? Yes');
    const deleted = await ada.waitForMessage(/^🗑 Deleted: /);
    expect(deleted.replyTo).toBe(result.messageId);
    expect(current(ada, result).buttons).toEqual([]);
    expect(ada.sees().filter((m) => /Deleted|Deleting/.test(m.text))).toEqual([deleted]);
    await until(async () => (await statusOf(url)) === 410);
    expect(await system.storage.listVersions(previewId)).toEqual([]);
    expect(await deleteJobsOf(previewId)).toEqual([{ status: 'done', user_id: ada.userId }]);

    await ada.say('/sites');
    await ada.waitForMessage(/You have no sites yet/);
    await ada.say('/usage');
    const usage = await ada.waitForMessage(/Your usage/);
    expect(usage.text).toContain('Today: 1 site,');
    expect(usage.text).toContain('Storage: your sites hold 0.0 MB of 1.0 MB.');
    expect(await storageUsedBy(system.db, ada.userId, new Date())).toBe(0);
  });

  it('No keeps the site and puts the result’s buttons back', async () => {
    const ada = person(system);
    const { result, url, previewId } = await siteOf(ada, 'a site for my flower shop');
    await ada.tapForAnswer(result, '🗑 Delete');
    await ada.tapForAnswer(current(ada, result), 'No, keep it');
    expect(current(ada, result).buttons).toEqual(result.buttons);
    expect(await deleteJobsOf(previewId)).toEqual([]);
    expect(await statusOf(url)).toBe(200);
  });

  it('Yes tapped twice deletes once and says so once, in the user’s language', async () => {
    const min = person(system, { languageCode: 'ko' });
    const { result, url, previewId } = await siteOf(min, '우리 빵집 사이트를 만들어 줘');
    await min.tapForAnswer(result, '🗑 삭제');
    const asking = current(min, result);
    expect(buttonsOf(asking)).toEqual(['🗑 완전히 삭제할까요? 예', '아니요, 그대로 두기']);
    await min.tapForAnswer(asking, '🗑 완전히 삭제할까요? 예');
    await min.tapForAnswer(asking, '🗑 완전히 삭제할까요? 예');
    await min.waitForMessage(/^🗑 삭제했습니다: /);
    await until(async () => (await statusOf(url)) === 410);
    expect(await deleteJobsOf(previewId)).toHaveLength(1);
    expect(system.telegram.messagesTo(min.chatId).filter((text) => /삭제했습니다/.test(text))).toHaveLength(1);
  });

  it('a delete job delivered again (as after a worker died) answers no more: one Deleted message', async () => {
    const ada = person(system);
    const { result, url, previewId } = await siteOf(ada, 'a site for my tea room');
    await ada.tapForAnswer(result, '🗑 Delete');
    await ada.tapForAnswer(current(ada, result), '🗑 Delete for good? Yes');
    await ada.waitForMessage(/^🗑 Deleted: /);
    const [job] = await system.db
      .selectFrom('jobs')
      .select('id')
      .where('preview_id', '=', previewId)
      .where('kind', '=', 'delete')
      .execute();
    await system.queues.sendRaw(JSON.stringify({ jobId: job!.id }));
    await system.queues.sendRaw(JSON.stringify({ jobId: job!.id }));
    // A later job of the same chat comes after the redeliveries in the queue.
    await ada.say('a site for my bakery');
    await ada.waitForNth(/^✅ Your site is ready/, 2);
    expect(system.telegram.messagesTo(ada.chatId).filter((text) => text.startsWith('🗑 Deleted'))).toHaveLength(1);
    expect(await statusOf(url)).toBe(410);
  });

  it('in a group, a member who did not make the site is refused politely (in their language) and the site stays; an admin may delete it', async () => {
    const groupId = newGroupId();
    const author = person(system, { groupId });
    const member = person(system, { groupId });
    const memberInKorean = person(system, { groupId, languageCode: 'ko' });
    const admin = person(system, { groupId });
    system.telegram.setMemberStatus(groupId, admin.userId, 'administrator');
    await author.say('/new a site for our chess club');
    const result = await author.waitForMessage(RESULT);
    const { url, previewId } = siteLinkOf(result);

    const refused = await member.tapForAnswer(result, '🗑 Delete');
    expect(refused.payload).toMatchObject({
      show_alert: true,
      text: 'Only the person who made this site, or an admin of this group, can change it.',
    });
    expect(buttonsOf(current(author, result))).toContain('🗑 Delete');
    // The author asks; a member answering Yes for them is refused too.
    await author.tapForAnswer(result, '🗑 Delete');
    const asking = current(author, result);
    const refusedYes = await memberInKorean.tapForAnswer(asking, '🗑 Delete for good? Yes');
    expect(refusedYes.payload).toMatchObject({
      show_alert: true,
      text: '이 사이트는 만든 분이나 이 그룹의 관리자만 바꿀 수 있습니다.',
    });
    expect(await deleteJobsOf(previewId)).toEqual([]);
    expect(await statusOf(url)).toBe(200);

    expect((await admin.tapForAnswer(asking, '🗑 Delete for good? Yes')).payload.show_alert).toBeUndefined();
    await author.waitForMessage(/^🗑 Deleted: /);
    await until(async () => (await statusOf(url)) === 410);
  });
});
