import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../shared/errors.ts';
import { createMockProvider } from '../../../worker/generate/mock-provider.ts';
import { runProvider } from '../../support/run-provider.ts';

const instant = () => createMockProvider({ timeoutMs: 10_000, delayMs: 0 });
const indexOf = (files: { path: string; content: string }[]) => files.find((f) => f.path === 'index.html')!.content;

describe('mock provider', () => {
  it('answers the same request with the same bundle, byte for byte', async () => {
    const prompt = 'A florist in Bristol called Petal & Stem with prices and reviews';
    const first = await runProvider(instant(), prompt);
    const second = await runProvider(createMockProvider({ timeoutMs: 10_000, delayMs: 0 }), prompt);
    expect(second.generation!.bundle).toEqual(first.generation!.bundle);
  });

  it('writes a page and the stylesheet it links', async () => {
    const { generation } = await runProvider(instant(), 'A florist in Bristol');
    expect(generation!.bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
    expect(indexOf(generation!.bundle.files)).toContain('<link rel="stylesheet" href="styles.css">');
  });

  it('escapes what the prompt says wherever the page repeats it', async () => {
    const { generation } = await runProvider(instant(), 'A tea shop called "Tea <img src=x onerror=alert(1)> & Co"');
    const index = indexOf(generation!.bundle.files);
    expect(generation!.bundle.title).toBe('Tea <img src=x onerror=alert(1)> & Co');
    expect(index).not.toContain('<img');
    expect(index).toContain('Tea &#60;img src=x onerror=alert(1)&#62; &#38; Co');
  });

  it('keeps the title of a revised site', async () => {
    const { generation: first } = await runProvider(instant(), 'A bakery called Sunny Crumbs');
    const { generation } = await runProvider(instant(), {
      prompt: 'Add a section about our sourdough',
      previous: first!.bundle,
    });
    expect(generation!.bundle.title).toBe('Sunny Crumbs');
  });

  it('reports its call (no tokens: nothing was metered) and its progress like a real provider', async () => {
    const { calls, progress } = await runProvider(instant(), 'A site');
    expect(calls).toEqual([
      expect.objectContaining({ provider: 'mock', model: 'mock-1', inputTokens: null, costUsd: null }),
    ]);
    expect(progress.at(-1)!.bytes).toBeGreaterThan(1000);
  });

  it('with no delay, hands over the whole answer at once', async () => {
    const { progress } = await runProvider(instant(), 'A coffee shop with a menu');
    expect(progress).toHaveLength(1);
  });

  it('with MOCK_DELAY_MS, streams the answer in pieces, so progress grows section by section', async () => {
    const paced = createMockProvider({ timeoutMs: 10_000, delayMs: 240 });
    const { generation, progress } = await runProvider(paced, 'A coffee shop with a menu, hours and reviews');
    expect(progress.length).toBeGreaterThanOrEqual(20);
    const bytes = progress.map((p) => p.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(new Set(bytes).size).toBe(bytes.length);
    // Headings show up as they stream past, not all at the start.
    const seen = progress.map((p) => p.sections.length);
    expect(seen[0]).toBeLessThan(seen.at(-1)!);
    expect(progress.at(-1)!.sections).toEqual(expect.arrayContaining(['Menu', 'Opening hours', 'What guests say']));
    expect(generation!.bundle).toEqual(
      (await runProvider(instant(), 'A coffee shop with a menu, hours and reviews')).generation!.bundle,
    );
  });

  it('stops a paced answer when the call is aborted, with a retryable error', async () => {
    const paced = createMockProvider({ timeoutMs: 120_000, delayMs: 60_000 });
    const controller = new AbortController();
    const outcome = paced.generate(
      { prompt: 'A coffee shop' },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    const error = await outcome.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
  });
});
