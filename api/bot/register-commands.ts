import type { Api } from 'grammy';
import type { LanguageCode } from 'grammy/types';
import { en } from '../../shared/telegram/words/en.ts';
import { languages } from '../../shared/telegram/words/index.ts';

/**
 * Shows the bot's commands in Telegram's menu: English for everyone, and each translation for
 * users whose client uses that language. Idempotent, so every api start may call it.
 */
export async function registerCommands(telegram: Api): Promise<void> {
  await telegram.setMyCommands(en.commands);
  for (const [languageCode, words] of Object.entries(languages)) {
    if (words !== en) await telegram.setMyCommands(words.commands, { language_code: languageCode as LanguageCode });
  }
}
