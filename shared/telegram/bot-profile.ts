import type { Api } from 'grammy';
import type { LanguageCode } from 'grammy/types';
import { en } from './words/en.ts';
import { languages } from './words/index.ts';

/**
 * Sets what Telegram shows about the bot before a user presses Start, from the words files: the
 * description (in the empty chat) and the short description (on its page, when shared), in English
 * for everyone and in each translation for clients in that language. Idempotent. Returns the
 * languages set, English first.
 */
export async function setBotProfile(telegram: Api): Promise<string[]> {
  const set: string[] = [];
  for (const [languageCode, words] of Object.entries(languages)) {
    // English is the profile of every language without its own (no language_code).
    const other = words === en ? {} : { language_code: languageCode as LanguageCode };
    await telegram.setMyDescription(words.profile.description, other);
    await telegram.setMyShortDescription(words.profile.shortDescription, other);
    if (words === en) set.unshift(languageCode);
    else set.push(languageCode);
  }
  return set;
}
