import { describe, expect, it } from 'vitest';
import { createMockProvider, titleFromPrompt } from '../../../worker/generate/mock-provider.ts';
import type { ProviderCall } from '../../../worker/generate/provider.ts';

const signal = () => new AbortController().signal;
const generate = (prompt: string) => createMockProvider().generate({ prompt }, { signal: signal() });

describe('mock provider', () => {
  it('answers the same prompt with the same bundle', async () => {
    expect(await generate('A florist in Bristol')).toEqual(await generate('A florist in Bristol'));
  });

  it('builds a multi-section page with index.html and styles.css', async () => {
    const { bundle } = await generate('A florist in Bristol');
    const index = bundle.files.find((f) => f.path === 'index.html')!.content;
    expect(bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
    for (const part of ['<header', '<nav', 'class="hero"', 'id="features"', 'id="stories"', 'id="contact"', '<footer'])
      expect(index).toContain(part);
    expect(bundle.files[1]!.content).toContain('@media (max-width: 600px)');
  });

  it('escapes the prompt wherever it appears in the page', async () => {
    const { bundle } = await generate('Tea shop <img src=x onerror=alert(1)> & "friends"');
    const index = bundle.files.find((f) => f.path === 'index.html')!.content;
    expect(index).not.toContain('<img');
    expect(index).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;friends&#34;');
  });

  it('keeps the title of a revised site', async () => {
    const { bundle: previous } = await generate('A bakery called Sunny Crumbs');
    const { bundle } = await createMockProvider().generate(
      { prompt: 'Add a section about our sourdough', previous },
      { signal: signal() },
    );
    expect(bundle.title).toBe('Sunny Crumbs');
  });

  it('reports its call (no tokens: nothing was metered) and its progress like a real provider', async () => {
    const calls: ProviderCall[] = [];
    let bytes = 0;
    await createMockProvider().generate(
      { prompt: 'A site' },
      { signal: signal(), onCall: (c) => calls.push(c), onProgress: (p) => (bytes = p.bytes) },
    );
    expect(calls).toEqual([
      expect.objectContaining({ provider: 'mock', model: 'mock-1', inputTokens: null, costUsd: null }),
    ]);
    expect(bytes).toBeGreaterThan(1000);
  });

  it('titles the site after what the prompt asks for', () => {
    expect(titleFromPrompt('Make me a website for a bakery called Sunny Crumbs, please')).toBe('Sunny Crumbs');
    expect(titleFromPrompt('Create a landing page for my dog walking business')).toBe('My dog walking business');
    expect(titleFromPrompt('a landing page for a coffee shop in Lisbon')).toBe('Coffee shop in Lisbon');
    expect(titleFromPrompt('   ')).toBe('Your site');
  });
});
