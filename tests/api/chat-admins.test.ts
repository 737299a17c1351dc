import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatAdmins } from '../../api/bot/chat-admins.ts';
import { createTelegramApi } from '../../shared/telegram/index.ts';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { testConfig, testLogger } from '../support/test-config.ts';

let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
beforeAll(async () => {
  telegram = await startFakeTelegram();
});
afterAll(() => telegram?.close());

const GROUP = -4_200_001;
const admins = () =>
  createChatAdmins(
    createTelegramApi(
      testConfig({
        TELEGRAM_BOT_TOKEN: '123456:admins-token',
        TELEGRAM_SECRET_TOKEN: 'admins-secret',
        TELEGRAM_API_ROOT: telegram.apiRoot,
      }),
      testLogger(),
    ),
    testLogger(),
  );
const asked = (userId: number) =>
  telegram.calls.filter((c) => c.method === 'getChatMember' && Number(c.payload.user_id) === userId).length;

describe('who administers a group, as Telegram says', () => {
  it('administrators and the creator are admins, members and those who left are not; each answer is remembered', async () => {
    const chatAdmins = admins();
    const statuses = { 11: 'administrator', 12: 'creator', 13: 'member', 14: 'left', 15: 'restricted' } as const;
    for (const [userId, status] of Object.entries(statuses)) telegram.setMemberStatus(GROUP, Number(userId), status);
    const verdicts = async () =>
      Promise.all(Object.keys(statuses).map((userId) => chatAdmins.isAdmin(GROUP, Number(userId))));
    expect(await verdicts()).toEqual([true, true, false, false, false]);
    expect(await verdicts()).toEqual([true, true, false, false, false]);
    for (const userId of Object.keys(statuses)) expect(asked(Number(userId))).toBe(1);
  });

  it('fails closed: a refused question counts as "not an admin" and is asked again next time', async () => {
    const chatAdmins = admins();
    telegram.setMemberStatus(GROUP, 21, 'administrator');
    telegram.script('getChatMember', {
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: member list is inaccessible' },
    });
    expect(await chatAdmins.isAdmin(GROUP, 21)).toBe(false);
    expect(await chatAdmins.isAdmin(GROUP, 21)).toBe(true);
    expect(asked(21)).toBe(2);
  });

  it('remembers per chat: an admin of one group is asked about again in another', async () => {
    const chatAdmins = admins();
    telegram.setMemberStatus(GROUP, 31, 'administrator');
    expect(await chatAdmins.isAdmin(GROUP, 31)).toBe(true);
    expect(await chatAdmins.isAdmin(GROUP - 1, 31)).toBe(false);
    expect(asked(31)).toBe(2);
  });
});
