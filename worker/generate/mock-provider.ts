import { createHash } from 'node:crypto';
import { ProviderError } from '../../shared/errors.ts';
import { askForBundle, type AskModel } from './ask-for-bundle.ts';
import { renderMockSite } from './mock-site.ts';
import type { GenerateRequest, Provider } from './provider.ts';

export const MOCK_MODEL = 'mock-1';

/**
 * The provider for `npm start` without credentials, and for tests: no network, and the same prompt
 * always gives the same answer. It answers the way a real model is asked to (a JSON bundle as text)
 * through the same askForBundle as the real adapters, so parsing, progress and the attempt log run
 * exactly as in production. A revision keeps the previous title and rebuilds the page.
 */
export function createMockProvider(common: { timeoutMs: number } = { timeoutMs: 120_000 }): Provider {
  const name = 'mock';
  return {
    name,
    generate(request, options) {
      const ask: AskModel = async (_turn, { signal, onText }) => {
        if (signal.aborted) throw new ProviderError('mock call was aborted', true);
        const text = JSON.stringify(mockBundle(request));
        onText(text);
        return { text, model: MOCK_MODEL, finish: 'stop' };
      };
      return askForBundle(
        { provider: name, model: MOCK_MODEL, timeoutMs: common.timeoutMs, prices: {} },
        ask,
        request,
        options,
      );
    },
  };
}

function mockBundle(request: GenerateRequest) {
  const title = request.previous?.title ?? titleFromPrompt(request.prompt);
  const { html, css } = renderMockSite({ title, description: describe(request.prompt), hue: hueFor(request.prompt) });
  return {
    title,
    summary: `A one-page site for ${title}.`,
    files: [
      { path: 'index.html', content: html },
      { path: 'styles.css', content: css },
    ],
  };
}

const REQUEST_PREAMBLE =
  /^(?:please\s+)?(?:can you\s+)?(?:(?:make|create|build|generate|design|write)\s+(?:me\s+|us\s+)?)?(?:an?\s+)?(?:(?:simple|small|nice|modern|one[- ]page)\s+)*(?:web\s*site|site|web\s*page|landing\s+page|page|home\s*page)\s+(?:for|about|of)\s+/i;

/**
 * "Make a website for a bakery called Sunny Crumbs" → "Sunny Crumbs"; "a landing page for a coffee
 * shop" → "Coffee shop"; otherwise the subject, shortened.
 */
export function titleFromPrompt(prompt: string): string {
  const text = prompt.replace(/\s+/g, ' ').trim();
  const named = /\b(?:called|named)\s+["“']?([^,.;:!?"”]{2,60})/i.exec(text)?.[1]?.trim();
  const subject = named ?? shorten(text.replace(REQUEST_PREAMBLE, '').replace(/^(?:an?|the)\s+/i, ''), 60);
  const title = subject.replace(/[\s,.;:!?-]+$/, '');
  return title ? title.charAt(0).toUpperCase() + title.slice(1) : 'Your site';
}

function describe(prompt: string): string {
  const text = prompt.replace(/\s+/g, ' ').trim();
  return text ? shorten(text, 200) : 'A small site, made to order.';
}

function shorten(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut}…`;
}

/** A stable accent hue per prompt, so different requests look different but reruns do not. */
function hueFor(prompt: string): number {
  return createHash('sha256').update(prompt).digest().readUInt16BE(0) % 360;
}
