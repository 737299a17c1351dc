import { en, type Words } from './en.ts';
import { ko } from './ko.ts';

export { escapeHtml } from './format.ts';
export {
  failureReasons,
  type FailureReason,
  type ResultFacts,
  type SiteLine,
  type UsageFacts,
  type Words,
} from './en.ts';

/** Every language the bot speaks, by IETF tag as Telegram reports it (`User.language_code`). */
export const languages: Record<string, Words> = { en, ko };

/**
 * The words for a user's Telegram client language (`ko`, `ko-KR` → Korean), English when there is
 * no translation.
 */
export function wordsFor(languageCode: string | null | undefined): Words {
  const base = languageCode?.toLowerCase().split('-')[0] ?? 'en';
  return languages[base] ?? en;
}
