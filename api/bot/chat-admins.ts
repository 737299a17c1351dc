import type { Api } from 'grammy';
import type { Logger } from '../../shared/log/index.ts';

/** How long an answer of getChatMember is trusted: a demoted admin keeps their rights this long at most. */
const REMEMBER_MS = 60_000;
/** Answers kept at most; beyond, the oldest are forgotten first. */
const MAX_REMEMBERED = 10_000;
/**
 * How long the bot waits for Telegram's answer. The question is asked while the inbox batch holds
 * its transaction, so it must be short; no answer in time counts as "not an admin" (the user can
 * try again).
 */
const ASK_TIMEOUT_MS = 3000;

/** Whether a user is an admin (or the creator) of a group, as Telegram says, remembered briefly. */
export type ChatAdmins = ReturnType<typeof createChatAdmins>;

/**
 * Asks Telegram (getChatMember) whether a user administers a chat, remembering each answer for
 * REMEMBER_MS per chat and user in this process, so a busy group costs one question a minute per
 * admin. A failed or late answer counts as "no" and is not remembered.
 */
export function createChatAdmins(telegram: Api, log: Logger) {
  const remembered = new Map<string, { admin: boolean; until: number }>();
  return {
    async isAdmin(chatId: number, userId: number): Promise<boolean> {
      const key = `${chatId}:${userId}`;
      const known = remembered.get(key);
      if (known && known.until > Date.now()) return known.admin;
      try {
        // grammY types the signal with an old polyfill's declarations; at run time it takes Node's own.
        const signal = AbortSignal.timeout(ASK_TIMEOUT_MS) as unknown as Parameters<Api['getChatMember']>[2];
        const member = await telegram.getChatMember(chatId, userId, signal);
        const admin = member.status === 'creator' || member.status === 'administrator';
        remembered.delete(key);
        remembered.set(key, { admin, until: Date.now() + REMEMBER_MS });
        if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
        return admin;
      } catch (error) {
        log.warn({ err: error, chatId }, 'could not ask Telegram whether a user is a chat admin; taken as not one');
        return false;
      }
    },
  };
}
