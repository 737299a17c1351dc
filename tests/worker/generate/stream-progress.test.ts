import { describe, expect, it } from 'vitest';
import type { GenerationProgress } from '../../../worker/generate/provider.ts';
import { trackProgress } from '../../../worker/generate/stream-progress.ts';

function feed(chunks: string[]): GenerationProgress[] {
  const seen: GenerationProgress[] = [];
  const add = trackProgress((p) => seen.push(p));
  for (const chunk of chunks) add(chunk);
  return seen;
}

/** The page as it arrives inside a JSON string: quotes escaped, newlines as \n. */
const page = JSON.stringify(
  '<main><h1>Bean There</h1><section><h2 class="x">Our menu</h2></section>\n<h2>Visit &amp; hours</h2><h2>Our menu</h2></main>',
);

describe('trackProgress', () => {
  it('counts UTF-8 bytes and lists each <h2> once, in order, as soon as it is complete', () => {
    const seen = feed(['{"content":', page.slice(0, 50), page.slice(50, 58), page.slice(58), '}']);
    expect(seen.at(-1)).toEqual({
      bytes: Buffer.byteLength(`{"content":${page}}`),
      sections: ['Our menu', 'Visit & hours'],
    });
  });

  it('finds a heading split across many tiny chunks', () => {
    const seen = feed([...'<h2>Opening times</h2>']);
    expect(seen.at(-2)!.sections).toEqual([]);
    expect(seen.at(-1)!.sections).toEqual(['Opening times']);
  });

  it('decodes JSON escapes and entities, drops inner tags and clips long headings', () => {
    const seen = feed([
      JSON.stringify(`<h2>Caf\u00e9 <em>"Lune"</em></h2><h2>${'A very long heading '.repeat(5)}</h2>`),
    ]);
    expect(seen.at(-1)!.sections[0]).toBe('Café "Lune"');
    expect(seen.at(-1)!.sections[1]).toHaveLength(40);
    expect(seen.at(-1)!.sections[1]!.endsWith('…')).toBe(true);
  });

  it('costs nothing without a listener', () => {
    expect(() => trackProgress(undefined)('<h2>x</h2>')).not.toThrow();
  });
});
