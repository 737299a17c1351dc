import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time comparison of the `X-Telegram-Bot-Api-Secret-Token` header with the configured
 * secret. Both sides are hashed first so the comparison takes the same time whatever the lengths:
 * an attacker learns neither the secret's characters nor its length from response times.
 */
export function isSecretValid(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== 'string') return false;
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
