import type { Api } from 'grammy';

/** Telegram shows "typing…" for about 5 s after each chat action. */
const TYPING_REFRESH_MS = 4500;

/** Keeps "typing…" showing in the chat while a job runs; call the result to stop. Failures are ignored. */
export function keepTyping(telegram: Api, chatId: number): () => void {
  const send = () => void telegram.sendChatAction(chatId, 'typing').catch(() => undefined);
  send();
  const timer = setInterval(send, TYPING_REFRESH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
