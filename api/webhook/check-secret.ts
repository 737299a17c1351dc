import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Constant-time comparison of the `X-Telegram-Bot-Api-Secret-Token` header with the configured
 * secret. Both sides are hashed so the comparison takes the same time whatever the lengths: an
 * attacker learns neither the secret's characters nor its length from response times. The
 * secret's own hash is taken once, here, not on every request.
 */
export function secretChecker(expected: string): (received: string | string[] | undefined) => boolean {
  const expectedHash = sha256(expected);
  return (received) => typeof received === 'string' && timingSafeEqual(sha256(received), expectedHash);
}
