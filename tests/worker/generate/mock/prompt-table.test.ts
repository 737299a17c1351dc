import { describe, expect, it } from 'vitest';
import { createMockProvider } from '../../../../worker/generate/mock-provider.ts';
import { sanitizeBundle } from '../../../../worker/sanitize/sanitize-bundle.ts';
import { hangulShare, pageFacts } from './page-facts.ts';
import { PROMPT_TABLE } from './prompt-table.ts';

const provider = createMockProvider({ timeoutMs: 10_000, delayMs: 0 });
/** The page as it is published: the provider's answer, then the sanitizer. */
const publish = async (prompt: string) =>
  sanitizeBundle((await provider.generate({ prompt }, { signal: new AbortController().signal })).bundle);

/** Sentences of the prompt long enough that finding one on the page means it was pasted. */
const longSentences = (prompt: string, lang: string) =>
  prompt
    .split(/[.!?:;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= (lang === 'ko' ? 16 : 32));

describe.each(PROMPT_TABLE)('the offline composer, asked for $name', (row) => {
  it('writes the page in the prompt’s language, of the right kind, with the sections and facts the prompt asks for', async () => {
    const bundle = await publish(row.prompt);
    const page = pageFacts(bundle);

    expect(page.lang).toBe(row.lang);
    expect(page.bodyClasses).toContain(`kind-${row.kind}`);
    for (const id of row.sections) expect(page.sections, `section ${id}`).toContain(id);
    for (const id of row.absent ?? []) expect(page.sections, `section ${id}`).not.toContain(id);
    for (const shown of row.shows) expect(page.text, `shows ${shown}`).toContain(shown);
    for (const hidden of row.hides ?? []) expect(page.text, `hides ${hidden}`).not.toContain(hidden);

    // The name is whole: no fixed-length cut, the same in the chat, the tab and the headline.
    if (row.title) expect(bundle.title).toBe(row.title);
    expect(page.title).toBe(bundle.title);
    expect(page.h1).toBe(bundle.title);
    expect(bundle.title).not.toMatch(/[…,;:-]$/);
    expect(bundle.title.length).toBeLessThanOrEqual(60);

    // Copy is written, never the prompt pasted back.
    for (const sentence of longSentences(row.prompt, row.lang)) {
      expect(page.text, 'pasted prompt').not.toContain(sentence);
      expect(page.description, 'pasted prompt').not.toContain(sentence);
    }
    if (row.lang === 'ko') expect(hangulShare(page.text)).toBeGreaterThan(0.6);
    else expect(page.text).not.toMatch(/[\uac00-\ud7af]/);
  });
});

describe('the prompt table', () => {
  it('covers at least 30 prompts, both languages and every kind of site', () => {
    expect(PROMPT_TABLE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PROMPT_TABLE.map((row) => row.lang))).toEqual(new Set(['en', 'ko']));
    expect(new Set(PROMPT_TABLE.map((row) => row.kind)).size).toBeGreaterThanOrEqual(9);
    expect(PROMPT_TABLE.some((row) => row.prompt.length >= 1500)).toBe(true);
  });
});
