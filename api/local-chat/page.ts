import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./page/${name}`, import.meta.url), 'utf8');
const style = read('chat.css');
const script = read('chat.js');

/** The local chat page: one self-contained document, its style and script inline. */
export const chatPage = read('chat.html')
  .replace('{{STYLE}}', () => style)
  .replace('{{SCRIPT}}', () => script);

const sourceHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Headers of the chat page. Its CSP allows exactly its own inline style and script (by hash) and
 * calls to its own origin, nothing else; Trusted Types keep raw strings out of HTML sinks (the
 * script's one policy feeds only an inert DOMParser). Nothing is cached: the conversation is live.
 */
export const chatPageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': [
    "default-src 'none'",
    `script-src ${sourceHash(script)}`,
    `style-src ${sourceHash(style)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types telegram-html',
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};
