import { secretMatcher } from '../../shared/secrets-match.ts';

/** The constant-time check of the `X-Telegram-Bot-Api-Secret-Token` header against the configured secret. */
export function secretChecker(expected: string): (received: string | string[] | undefined) => boolean {
  const matches = secretMatcher(expected);
  return (received) => typeof received === 'string' && matches(received);
}
