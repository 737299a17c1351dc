import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT, siteLinkOf, versionsOf, type PersonOptions } from '../support/conversation.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

/**
 * Issue 14, points 1 and 2, as an attacker in a group would try them: Telegram sends every
 * anonymous admin of every group as one user (GroupAnonymousBot) and every channel as another
 * (Channel_Bot), so identity must come from `sender_chat`; and a member must not change a site
 * another member made. The hourly quota (2) is low so that a shared identity shows as a refusal.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ QUOTA_JOBS_PER_HOUR: '2' });
});
afterAll(() => system?.close());

let lastGroupId = -5_000_000 - Math.floor(Math.random() * 1e6);
const newGroupId = () => --lastGroupId;
const newChannelId = () => -1_009_000_000_000 - Math.floor(Math.random() * 1e9);

const jobsIn = (chatId: number) =>
  system.db
    .selectFrom('jobs')
    .select(['user_id', 'kind'])
    .where('chat_id', '=', chatId)
    .orderBy('created_at')
    .execute();

describe('who owns a site made in a group', () => {
  const identities: [string, () => PersonOptions['sendsAs'], () => PersonOptions['sendsAs']][] = [
    ['anonymous admins', () => 'anonymous admin', () => 'anonymous admin'],
    ['channels', () => ({ channelId: newChannelId() }), () => ({ channelId: newChannelId() })],
  ];

  it.each(identities)(
    '%s of two groups are two authors: each group lists only its own sites, and their quotas are apart',
    async (_name, asA, asB) => {
      const groupA = newGroupId();
      const groupB = newGroupId();
      const inA = person(system, { groupId: groupA, sendsAs: asA() });
      const inB = person(system, { groupId: groupB, sendsAs: asB() });

      await inA.say('/new a site for a bakery');
      const bakery = siteLinkOf(await inA.waitForNth(RESULT, 1)).previewId;
      await inA.say('/new a site for a florist');
      const florist = siteLinkOf(await inA.waitForNth(RESULT, 2)).previewId;
      // Group A used its hourly quota; group B's own is untouched.
      await inB.say('/new a site for a chess club');
      const chess = siteLinkOf(await inB.waitForNth(RESULT, 1)).previewId;
      expect(inB.sees().some((m) => /the most I can build per hour/.test(m.text))).toBe(false);

      const authorA = (await jobsIn(groupA)).map((job) => job.user_id);
      const authorB = (await jobsIn(groupB)).map((job) => job.user_id);
      expect(new Set(authorA).size).toBe(1);
      expect(authorB).toHaveLength(1);
      expect(authorA[0]).not.toBe(authorB[0]);
      expect([1087968824, 136817688]).not.toContain(authorA[0]);

      await inB.say('/sites');
      const listB = await inB.waitForMessage(/Sites made in this chat/);
      expect(listB.text).toContain(chess);
      expect(listB.text).not.toContain(bakery);
      expect(listB.text).not.toContain(florist);
      await inA.say('/sites');
      const listA = await inA.waitForMessage(/Sites made in this chat/);
      expect(listA.text).toContain(bakery);
      expect(listA.text).toContain(florist);
      expect(listA.text).not.toContain(chess);
    },
  );

  it('a tap in one chat on a button naming a job of another chat changes nothing there', async () => {
    const groupA = newGroupId();
    const author = person(system, { groupId: groupA });
    await author.say('/new a site for a rowing club');
    const result = await author.waitForMessage(RESULT);
    const { previewId } = siteLinkOf(result);
    // Group B's member replays group A's button data under a message of their own chat.
    const intruder = person(system, { groupId: newGroupId() });
    system.telegram.setMemberStatus(intruder.chatId, intruder.userId, 'creator');
    const answer = await intruder.tapForAnswer({ ...result, messageId: 1 }, '🔁 Regenerate');
    expect(answer.payload).toMatchObject({ show_alert: true, text: 'That site is no longer available.' });
    expect(await jobsIn(intruder.chatId)).toEqual([]);
    expect(await versionsOf(system, previewId)).toEqual([1]);
  });

  it('a member’s /sites in a group lists the group’s sites, not the ones they made elsewhere', async () => {
    const ada = person(system);
    await ada.say('a site for my own portfolio');
    const own = siteLinkOf(await ada.waitForMessage(RESULT)).previewId;
    const inGroup = person(system, { groupId: newGroupId(), userId: ada.userId });
    await inGroup.say('/sites');
    const list = await inGroup.waitForMessage(/in this chat/);
    expect(list.text).not.toContain(own);
    // In the private chat, their own sites, as before.
    await ada.say('/sites');
    expect((await ada.waitForMessage(/Your sites/)).text).toContain(own);
  });
});

describe('who may change a site in a group', () => {
  /** A group where its author made a site and revised it once (the author may): the result of version 2. */
  async function groupWithSite() {
    const groupId = newGroupId();
    const author = person(system, { groupId });
    const member = person(system, { groupId });
    await author.say('/new a site for our book club');
    const first = await author.waitForNth(RESULT, 1);
    await author.say('make it dark', { replyTo: first });
    const second = await author.waitForMessage(/Version 2 is ready/);
    const { previewId } = siteLinkOf(second);
    expect(await versionsOf(system, previewId)).toEqual([1, 2]);
    return { groupId, author, member, second, previewId };
  }

  it('a member’s reply to another member’s site gets a polite refusal, makes no job and leaves the site as it was', async () => {
    const { groupId, member, second, previewId } = await groupWithSite();
    await member.say('make it blue', { replyTo: second });
    const refusal = await member.waitForMessage(/Only the person who made this site/);
    expect(refusal.replyTo).toBeDefined();
    expect((await jobsIn(groupId)).map((job) => job.kind)).toEqual(['create', 'revise']);
    expect(await versionsOf(system, previewId)).toEqual([1, 2]);
  });

  it('a member’s taps on Regenerate and Restore get an alert and change nothing', async () => {
    const { groupId, member, second, previewId } = await groupWithSite();
    for (const label of ['🔁 Regenerate', '↩️ Restore v1']) {
      const answer = await member.tapForAnswer(second, label);
      expect(answer.payload.show_alert).toBe(true);
      expect(String(answer.payload.text)).toMatch(/Only the person who made this site/);
    }
    expect((await jobsIn(groupId)).map((job) => job.kind)).toEqual(['create', 'revise']);
    expect(await versionsOf(system, previewId)).toEqual([1, 2]);
  });

  it('the refusal is in the member’s language', async () => {
    const { groupId, second } = await groupWithSite();
    const member = person(system, { groupId, languageCode: 'ko' });
    await member.say('파랗게 해 줘', { replyTo: second });
    await member.waitForMessage(/만든 분이나 이 그룹의 관리자만/);
    const answer = await member.tapForAnswer(second, '🔁 Regenerate');
    expect(String(answer.payload.text)).toMatch(/만든 분이나 이 그룹의 관리자만/);
  });

  it('the group’s admins may change it (Telegram is asked once with getChatMember, then remembered)', async () => {
    const { groupId, author, second, previewId } = await groupWithSite();
    const admin = person(system, { groupId });
    const creator = person(system, { groupId });
    system.telegram.setMemberStatus(groupId, admin.userId, 'administrator');
    system.telegram.setMemberStatus(groupId, creator.userId, 'creator');

    await admin.say('make it blue', { replyTo: second });
    await author.waitForMessage(/Version 3 is ready/);
    expect((await admin.tapForAnswer(second, '↩️ Restore v1')).payload.show_alert).toBeUndefined();
    await author.waitForMessage(/Version 1 is back, as version 4/);
    expect((await creator.tapForAnswer(second, '🔁 Regenerate')).payload.show_alert).toBeUndefined();
    await author.waitForMessage(/Version 5 is ready/);
    expect(await versionsOf(system, previewId)).toEqual([1, 2, 3, 4, 5]);

    const asked = (userId: number) =>
      system.telegram.calls.filter(
        (c) =>
          c.method === 'getChatMember' && Number(c.payload.chat_id) === groupId && Number(c.payload.user_id) === userId,
      );
    expect(asked(admin.userId)).toHaveLength(1);
    expect(asked(creator.userId)).toHaveLength(1);
  });

  it('an anonymous admin of the group may change any of its sites, without asking Telegram', async () => {
    const { groupId, author, second, previewId } = await groupWithSite();
    const anonymous = person(system, { groupId, sendsAs: 'anonymous admin' });
    await anonymous.say('make it blue', { replyTo: second });
    await author.waitForMessage(/Version 3 is ready/);
    expect(await versionsOf(system, previewId)).toEqual([1, 2, 3]);
    expect(
      system.telegram.calls.filter((c) => c.method === 'getChatMember' && Number(c.payload.chat_id) === groupId),
    ).toHaveLength(0);
  });

  it('a channel posting in the group is not an admin of it', async () => {
    const { groupId, member, second, previewId } = await groupWithSite();
    const channel = person(system, { groupId, sendsAs: { channelId: newChannelId() } });
    await channel.say('make it blue', { replyTo: second });
    await member.waitForMessage(/Only the person who made this site/);
    expect(await versionsOf(system, previewId)).toEqual([1, 2]);
  });

  it('the author’s own taps still work', async () => {
    const { author, second, previewId } = await groupWithSite();
    expect((await author.tapForAnswer(second, '↩️ Restore v1')).payload.show_alert).toBeUndefined();
    await author.waitForMessage(/Version 1 is back, as version 3/);
    await until(async () => (await versionsOf(system, previewId)).length === 3);
  });
});
