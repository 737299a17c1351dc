import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../../shared/bundle.ts';
import { UnsafeBundleError } from '../../../shared/errors.ts';
import { assertNoActiveContent } from '../../../worker/sanitize/assert-no-active-content.ts';
import { sanitizeBundle } from '../../../worker/sanitize/sanitize-bundle.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sanitize/${name}`, import.meta.url), 'utf8');

/** Bundle files by path; images (binary types) are given as bytes and sent base64-encoded. */
function bundleOf(files: Record<string, string | Buffer>): Bundle {
  return {
    title: 'Test',
    summary: '',
    files: Object.entries(files).map(([path, content]) =>
      typeof content === 'string'
        ? { path, content }
        : { path, content: content.toString('base64'), encoding: 'base64' as const },
    ),
  };
}

/** index.html of the sanitized bundle. */
function sanitizedPage(html: string, otherFiles: Record<string, string | Buffer> = {}): string {
  return sanitizeBundle(bundleOf({ 'index.html': html, ...otherFiles })).files.find((f) => f.path === 'index.html')!
    .content;
}

/** Just enough bytes to carry the JPEG signature the sanitizer checks. */
const heroJpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const hostile = sanitizedPage(fixture('hostile-page.html'), { 'images/hero.jpg': heroJpeg });

describe('sanitizeBundle on a hostile page', () => {
  it('removes script elements and their code', () => {
    expect(hostile).not.toMatch(/<script/i);
    expect(hostile).not.toContain('pwned');
    expect(hostile).not.toContain('tracker.js');
  });

  it('removes every event handler attribute', () => {
    expect(hostile).not.toMatch(/\son[a-z]+\s*=/i);
    expect(hostile).toContain('alt="broken on purpose"');
  });

  it('removes javascript: and data:text/html links however they are spelled, keeping the link text', () => {
    expect(hostile).not.toMatch(/="\s*(java|data:text)/i);
    expect(hostile).not.toContain('alert(');
    for (const text of ['plain javascript', 'mixed case', 'entity tab', 'data html'])
      expect(hostile).toContain(`<a>${text}</a>`);
  });

  it('removes iframes, objects and embeds', () => {
    expect(hostile).not.toMatch(/<(iframe|object|embed)/i);
  });

  it('removes svg and math with everything inside them', () => {
    expect(hostile).not.toMatch(/<(svg|math|mtext)/i);
    expect(hostile).not.toContain('svg text');
    expect(hostile).not.toContain('alert(6)');
  });

  it('removes forms and their controls', () => {
    expect(hostile).not.toMatch(/<(form|input|textarea|button)/i);
    expect(hostile).not.toContain('evil.example/collect');
  });

  it('removes base, link, meta http-equiv and unknown meta tags', () => {
    expect(hostile).not.toMatch(/<(base|link)\b/i);
    expect(hostile).not.toMatch(/http-equiv|url=|name="referrer"/i);
  });

  it('removes noscript and template with their content', () => {
    expect(hostile).not.toMatch(/<(noscript|template)/i);
    expect(hostile).not.toContain('noscript.png');
  });

  it('removes @import, external url() (plain, quoted or escaped), image-set, expression, behavior and -moz-binding from <style>', () => {
    expect(hostile).not.toMatch(/@import|expression|behavior|binding|image-set/i);
    expect(hostile).not.toContain('escaped.png');
  });

  it('removes external url() from style attributes but keeps the safe declarations', () => {
    expect(hostile).toContain('<p style="color: #c60">Fresh bread daily.</p>');
  });

  it('removes external image sources and non-image data: URLs, keeping inline raster images', () => {
    expect(hostile).toContain('<img alt="tracking pixel">');
    expect(hostile).toContain('<img alt="html in disguise">');
    expect(hostile).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="dot">/);
  });

  it('leaves nothing pointing at the attacker', () => {
    expect(hostile).not.toContain('evil.example');
  });

  it('keeps the doctype, head, title, allowed meta tags and a utf-8 charset first', () => {
    expect(hostile).toMatch(/^<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">/);
    expect(hostile).toContain('<title>Sunny Crumbs Bakery</title>');
    expect(hostile).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(hostile).toContain('<meta name="description" content="A perfectly normal bakery">');
    expect(hostile.match(/charset/g)).toHaveLength(1);
  });

  it('keeps the clean parts of <style>: plain rules, bundle images (inlined as data: URLs), media queries', () => {
    expect(hostile).toMatch(/<style>[\s\S]*font-family: system-ui;[\s\S]*<\/style>/);
    expect(hostile).toContain(`background-image: url("data:image/jpeg;base64,${heroJpeg.toString('base64')}");`);
    expect(hostile).toMatch(/@media \(max-width: 600px\) \{\s*\.hero \{\s*padding: 1rem;/);
  });

  it('keeps the document structure and text', () => {
    for (const tag of [
      '<header>',
      '<nav>',
      '<main>',
      '<section id="hero" class="hero">',
      '<h1>Sunny Crumbs</h1>',
      '<footer>',
    ])
      expect(hostile).toContain(tag);
    expect(hostile).toContain('© Sunny Crumbs');
  });

  it('opens external links in a new tab without an opener or referrer, whatever target/rel they had', () => {
    expect(hostile).toContain(
      '<a href="https://example.org/recipes" target="_blank" rel="noopener noreferrer">recipes</a>',
    );
  });

  it('leaves anchors, bundle pages and mailto links as they are', () => {
    expect(hostile).toContain('<a href="#menu">Menu</a>');
    expect(hostile).toContain('<a href="about.html">About</a>');
    expect(hostile).toContain('<a href="mailto:hello@sunnycrumbs.example">email us</a>');
  });

  it('drops plain http and protocol-relative links', () => {
    expect(hostile).toContain('<a>plain http</a>');
    expect(hostile).toContain('<a>protocol relative</a>');
  });

  it('gives the same page when sanitizing twice', () => {
    expect(sanitizedPage(hostile)).toBe(hostile);
  });
});

describe('sanitizeBundle on a well-behaved page', () => {
  const css = 'body { margin: 0; }\n.rides { background: url(https://cdn.example/bg.png); display: grid; }';
  const bundle = sanitizeBundle(
    bundleOf({ 'index.html': fixture('well-behaved-page.html'), 'styles.css': css, 'notes.txt': 'plain <b>text</b>' }),
  );
  const page = bundle.files.find((f) => f.path === 'index.html')!.content;

  it('inlines the linked bundle stylesheet, cleaned, since <link> is never published', () => {
    expect(page).not.toContain('<link');
    expect(page).toMatch(
      /<meta charset="utf-8"><style>body \{\n {2}margin: 0;\n\}\n\.rides \{\n {2}display: grid;\n\}<\/style>/,
    );
  });

  it('keeps the page its own inline style, tables and aria attributes', () => {
    expect(page).toContain('h1 {\n  color: var(--accent);\n}');
    expect(page).toContain('<th scope="col">Day</th>');
    expect(page).toContain('<nav aria-label="Main">');
  });

  it('keeps styles.css (cleaned) and .txt files as they are', () => {
    expect(bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css', 'notes.txt']);
    expect(bundle.files[1]!.content).not.toContain('cdn.example');
    expect(bundle.files[2]!.content).toBe('plain <b>text</b>');
    expect(bundle.title).toBe('Test');
  });

  it('turns an HTML fragment into a full document', () => {
    expect(sanitizedPage('<h1>Just a heading</h1>')).toBe(
      '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><h1>Just a heading</h1></body></html>',
    );
  });
});

describe('the final check (assertNoActiveContent) on its own', () => {
  const cases: [string, string][] = [
    ['a script', '<script>1</script>'],
    ['an svg', '<svg></svg>'],
    ['an event handler', '<p onclick="x">a</p>'],
    ['a javascript: link', '<a href=" java\tscript:alert(1)">a</a>'],
    ['a data:text/html link', '<a href="data:text/html,hi">a</a>'],
    ['an external image', '<img src="https://evil.example/a.png">'],
    ['a protocol-relative image', '<img src="//evil.example/a.png">'],
    ['a meta refresh', '<meta http-equiv="refresh" content="0">'],
    ['a base element', '<base href="https://evil.example/">'],
    ['a link element', '<link rel="stylesheet" href="a.css">'],
    ['an iframe', '<iframe></iframe>'],
    ['a form', '<form></form>'],
    ['an @import', '<style>@import "a.css";</style>'],
    ['an escaped external url()', '<style>p{background:\\75 rl(https://evil.example/a.png)}</style>'],
    ['an external url() in a style attribute', '<p style="background:url(//evil.example/a.png)">a</p>'],
    ['a srcset, whatever it lists', '<img srcset="a.png 1x, https://evil.example/b.png 2x">'],
    ['a ping on a link', '<a href="https://example.org/" ping="p.html">a</a>'],
    ['an attributionsrc', '<img src="a.png" attributionsrc="https://evil.example/attr">'],
    ['a new-tab link that keeps its opener', '<a href="https://example.org/" target="_blank">a</a>'],
    ['a link into a named window', '<a href="https://example.org/" target="leak" rel="noopener noreferrer">a</a>'],
    ['a charset other than UTF-8', '<meta charset="utf-7">'],
    ['an image map area', '<map><area href="https://evil.example/"></map>'],
    [
      'an SVG data: URL with script in it',
      `<img src="data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64')}">`,
    ],
    [
      'an SVG data: URL that is not base64',
      '<img src="data:image/svg+xml,<svg xmlns=&quot;http://www.w3.org/2000/svg&quot;></svg>">',
    ],
    ['an <image>, which the browser builds as an <img>', '<image src="https://evil.example/a.png">'],
    ['a <select>, inside which a <style> would not be a stylesheet', '<select><style>p{}</style></select>'],
    ['a stylesheet that never ends', '<style>@import "a.css";'],
    ['an event handler on a second <body> tag, which the browser adds to the first', '<p>a</p><body onload="x">'],
    ['a <frameset>', '<frameset><frame src="https://evil.example/"></frameset>'],
    ['a <plaintext>', '<plaintext><img src=x onerror=alert(1)>'],
  ];
  it.each(cases)('refuses %s', (_name, html) => {
    expect(() => assertNoActiveContent(html, 'index.html')).toThrow(UnsafeBundleError);
  });

  it('accepts the sanitized hostile page', () => {
    expect(() => assertNoActiveContent(hostile, 'index.html')).not.toThrow();
  });

  it('reads <title> and <style> content as the browser does, as text and CSS, not as tags', () => {
    const page =
      '<title><img src=x onerror=alert(1)></title><style>p::after { content: "<img src=x onerror=alert(1)>" }</style>';
    expect(() => assertNoActiveContent(page, 'index.html')).not.toThrow();
  });
});

describe('the elements a page never keeps', () => {
  it.each([
    ['svg', '<svg><text>payload</text></svg>'],
    ['math', '<math><mtext>payload</mtext></math>'],
    ['textarea', '<textarea>payload</textarea>'],
    ['xmp', '<xmp>payload</xmp>'],
    ['noscript', '<noscript>payload</noscript>'],
    ['template', '<template>payload</template>'],
    ['iframe', '<iframe srcdoc="payload">payload</iframe>'],
    ['object', '<object data="x.svg">payload</object>'],
    ['embed', '<embed src="payload.svg">'],
    ['form', '<form action="https://evil.example/payload"></form>'],
    ['input', '<input value="payload">'],
    ['base', '<base href="https://evil.example/payload">'],
    ['link', '<link rel="stylesheet" href="https://evil.example/payload.css">'],
    ['meta http-equiv', '<meta http-equiv="refresh" content="0;url=https://evil.example/payload">'],
  ])('drops <%s> and what it holds', (tag, html) => {
    const page = sanitizedPage(`<p>kept</p>${html}`);
    expect(page).not.toMatch(tag === 'meta http-equiv' ? /http-equiv/i : new RegExp(`<${tag}[\\s>]`, 'i'));
    expect(page).not.toContain('payload');
    expect(page).toContain('<p>kept</p>');
  });
});
