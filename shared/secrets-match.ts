import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time comparison of a secret someone presented with the expected one. Both sides are
 * hashed first, so the comparison takes the same time whatever the lengths: response times tell an
 * attacker neither the secret's characters nor its length.
 */
export function secretsMatch(received: string, expected: string): boolean {
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
