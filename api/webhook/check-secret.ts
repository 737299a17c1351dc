import { secretsMatch } from '../../shared/secrets-match.ts';

/** Constant-time check of the `X-Telegram-Bot-Api-Secret-Token` header against the configured secret. */
export function isSecretValid(received: string | string[] | undefined, expected: string): boolean {
  return typeof received === 'string' && secretsMatch(received, expected);
}
