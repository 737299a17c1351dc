import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * 130 random bits as 26 lowercase base32 characters: unguessable, and safe both in a URL path and as
 * a DNS label (hostnames are case-insensitive, so no uppercase and no `_`).
 */
export function newPreviewId(): string {
  const bytes = randomBytes(26);
  let id = '';
  for (const byte of bytes) id += BASE32[byte & 31];
  return id;
}

/** What newPreviewId makes: every reader checks an id against it before it names anything stored. */
export const previewIdPattern = /^[a-z2-7]{26}$/;
