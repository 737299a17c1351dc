import { describe, expect, it } from 'vitest';
import { createMockProvider, titleFromPrompt } from '../../../worker/generate/mock-provider.ts';
import { parseAnswer } from '../../../worker/generate/parse-answer.ts';

const signal = () => new AbortController().signal;

describe('mock provider', () => {
  it('answers the same prompt with the same text', async () => {
    const provider = createMockProvider();
    const first = await provider.generate('A florist in Bristol', { signal: signal() });
    const second = await provider.generate('A florist in Bristol', { signal: signal() });
    expect(second.text).toBe(first.text);
  });

  it('builds a multi-section page with index.html and styles.css', async () => {
    const bundle = parseAnswer((await createMockProvider().generate('A florist in Bristol', { signal: signal() })).text);
    const index = bundle.files.find((f) => f.path === 'index.html')!.content;
    expect(bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
    for (const part of ['<header', '<nav', 'class="hero"', 'id="features"', 'id="stories"', 'id="contact"', '<footer']) expect(index).toContain(part);
    expect(bundle.files[1]!.content).toContain('@media (max-width: 600px)');
  });

  it('escapes the prompt wherever it appears in the page', async () => {
    const text = (await createMockProvider().generate('Tea shop <img src=x onerror=alert(1)> & "friends"', { signal: signal() })).text;
    const index = parseAnswer(text).files.find((f) => f.path === 'index.html')!.content;
    expect(index).not.toContain('<img');
    expect(index).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;friends&#34;');
  });

  it('titles the site after what the prompt asks for', () => {
    expect(titleFromPrompt('Make me a website for a bakery called Sunny Crumbs, please')).toBe('Sunny Crumbs');
    expect(titleFromPrompt('Create a landing page for my dog walking business')).toBe('My dog walking business');
    expect(titleFromPrompt('a landing page for a coffee shop in Lisbon')).toBe('Coffee shop in Lisbon');
    expect(titleFromPrompt('   ')).toBe('Your site');
  });
});
