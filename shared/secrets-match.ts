import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * A constant-time check of secrets someone presents against `expected`. Both sides are hashed
 * first, so the comparison takes the same time whatever the lengths: response times tell an
 * attacker neither the secret's characters nor its length. The expected secret's hash is taken
 * once, here, not at every check.
 */
export function secretMatcher(expected: string): (received: string) => boolean {
  const expectedHash = sha256(expected);
  return (received) => timingSafeEqual(sha256(received), expectedHash);
}

/** secretMatcher for one comparison. */
export function secretsMatch(received: string, expected: string): boolean {
  return secretMatcher(expected)(received);
}
