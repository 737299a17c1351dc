import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../../../shared/bundle.ts';
import { createMockProvider } from '../../../../worker/generate/mock-provider.ts';
import { relativeLuminance } from '../../../../worker/generate/mock/palette.ts';
import { sanitizeBundle } from '../../../../worker/sanitize/sanitize-bundle.ts';
import { pageFacts } from './page-facts.ts';

const provider = createMockProvider({ timeoutMs: 10_000, delayMs: 0 });
/** What the next version is built from: the published (sanitized) version, as the worker reads it back. */
const published = async (prompt: string, previous?: Bundle) =>
  sanitizeBundle((await provider.generate({ prompt, previous }, { signal: new AbortController().signal })).bundle);

const CAFE =
  'A landing page for Bean There, a coffee shop in Lisbon at Rua Augusta 12: menu with espresso €1.20 and flat white €3.50, reviews, open Mon–Fri 7am–6pm. Email hello@beanthere.pt';

/** Each `<section>` of the page by id, as published. */
function sectionsById(bundle: Bundle): Map<string, string> {
  const html = bundle.files.find((f) => f.path === 'index.html')!.content;
  return new Map([...html.matchAll(/<section id="([^"]+)"[\s\S]*?<\/section>/g)].map((m) => [m[1]!, m[0]]));
}
const stylesheet = (bundle: Bundle) => bundle.files.find((f) => f.path === 'styles.css')!.content;
const cssColour = (css: string, name: string) => new RegExp(`--${name}: (#[0-9a-f]{6})`).exec(css)![1]!;

describe('a revision of a composed page', () => {
  it('"add a FAQ" adds a FAQ in its place and leaves every other section as it was', async () => {
    const before = await published(CAFE);
    const after = await published('add a FAQ', before);
    const [old, fresh] = [sectionsById(before), sectionsById(after)];
    expect([...fresh.keys()]).toEqual([...old.keys()].flatMap((id) => (id === 'location' ? ['faq', id] : [id])));
    for (const [id, html] of old) expect(fresh.get(id), id).toBe(html);
    expect(pageFacts(after).text).toContain('Do you take reservations?');
    expect(after.summary).toBe('Added the “FAQ” section.');
  });

  it('"make it dark" turns the page dark and keeps its content', async () => {
    const before = await published(CAFE);
    const after = await published('make it dark', before);
    expect(relativeLuminance(cssColour(stylesheet(before), 'bg'))).toBeGreaterThan(0.8);
    expect(relativeLuminance(cssColour(stylesheet(after), 'bg'))).toBeLessThan(0.05);
    expect(pageFacts(after).bodyClasses).toContain('theme-dark');
    expect(pageFacts(after).text).toBe(pageFacts(before).text);
    expect(after.summary).toBe('Switched to a dark look.');
  });

  it('"remove the prices" takes every price off and keeps the dishes', async () => {
    const before = await published(CAFE);
    const after = await published('remove the prices', before);
    expect(pageFacts(before).text).toContain('€3.50');
    expect(pageFacts(after).text).not.toMatch(/€\s?\d/);
    expect(pageFacts(after).text).toContain('Flat white');
    // Sections added later stay without prices too.
    const later = await published('add pricing', after);
    expect(pageFacts(later).sections).toContain('pricing');
    expect(pageFacts(later).text).not.toMatch(/[€$]\s?\d/);
  });

  it('"remove the reviews" takes the section and its link away', async () => {
    const before = await published(CAFE);
    const after = await published('remove the reviews', before);
    expect(pageFacts(before).sections).toContain('testimonials');
    expect(pageFacts(after).sections).not.toContain('testimonials');
    expect(after.files[0]!.content).not.toContain('href="#testimonials"');
  });

  it('a new name replaces the old one everywhere it was written', async () => {
    const before = await published(CAFE);
    const after = await published('rename it to "Bean Here"', before);
    const page = pageFacts(after);
    expect([after.title, page.title, page.h1]).toEqual(['Bean Here', 'Bean Here', 'Bean Here']);
    expect(page.text).not.toContain('Bean There');
  });

  it('new contact details and hours in the request replace the old ones', async () => {
    const before = await published(CAFE);
    const after = await published('our email is now team@beanhere.pt and we open Sat–Sun 9am–5pm', before);
    const page = pageFacts(after);
    expect(page.text).toContain('team@beanhere.pt');
    expect(page.text).not.toContain('hello@beanthere.pt');
    expect(page.text).toContain('Sat–Sun');
    expect(page.text).toContain('9am–5pm');
  });

  it('"add a section about our sourdough" adds a section with that title before the contact details', async () => {
    const before = await published('A bakery called Sunny Crumbs');
    const after = await published('Add a section about our sourdough', before);
    const page = pageFacts(after);
    expect(page.headings).toContain('Our sourdough');
    expect(page.sections.indexOf('more-1')).toBe(page.sections.indexOf('contact') - 1);
  });

  it('a Korean page gets its new FAQ in Korean', async () => {
    const before = await published("서울 종로구 한식당 '한강식당' 메뉴 페이지: 비빔밥 12,000원, 김치찌개 9,000원");
    const after = await published('FAQ 추가해 줘', before);
    const page = pageFacts(after);
    expect(page.lang).toBe('ko');
    expect(page.sections).toContain('faq');
    expect(page.headings).toContain('자주 묻는 질문');
    expect(after.summary).toBe('자주 묻는 질문 섹션을 추가했습니다.');
  });

  it('a request it cannot read leaves the page as it was and says so', async () => {
    const before = await published(CAFE);
    const after = await published('hmm, not sure yet', before);
    expect(pageFacts(after)).toEqual(pageFacts(before));
    expect(after.summary).toMatch(/^I could not tell what to change/);
  });

  it('is deterministic: the same revision of the same version gives the same bundle', async () => {
    const before = await published(CAFE);
    expect(await published('make it dark and add a FAQ', before)).toEqual(
      await published('make it dark and add a FAQ', before),
    );
  });
});

describe('a revision of a page the composer did not write', () => {
  it('composes a page from its title and text, then applies the request', async () => {
    const foreign: Bundle = {
      title: 'Bean There Coffee',
      summary: '',
      files: [
        {
          path: 'index.html',
          content:
            '<!DOCTYPE html><html lang="en"><head><title>Bean There Coffee</title></head><body><h1>Bean There Coffee</h1><p>Roasted in Lisbon since 1998. Write to beans@beanthere.pt</p></body></html>',
        },
      ],
    };
    const after = await published('make it dark and add a FAQ', foreign);
    const page = pageFacts(after);
    expect(after.title).toBe('Bean There Coffee');
    expect(page.bodyClasses).toEqual(expect.arrayContaining(['kind-restaurant', 'theme-dark']));
    expect(page.sections).toContain('faq');
    expect(page.text).toContain('beans@beanthere.pt');
  });
});
