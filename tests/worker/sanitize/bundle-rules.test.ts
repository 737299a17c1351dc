import { describe, expect, it } from 'vitest';
import type { Bundle, BundleFile } from '../../../shared/bundle.ts';
import { UnsafeBundleError } from '../../../shared/errors.ts';
import { sanitizeBundle } from '../../../worker/sanitize/sanitize-bundle.ts';

const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const index: BundleFile = { path: 'index.html', content: '<h1>Hello</h1>' };

function bundleOf(...files: BundleFile[]): Bundle {
  return { title: 'Rules', summary: '', files };
}

/** A bundle with a plain index.html and these files. */
function bundleWith(...files: BundleFile[]): Bundle {
  return bundleOf(index, ...files);
}

function image(path: string, bytes: Buffer): BundleFile {
  return { path, content: bytes.toString('base64'), encoding: 'base64' };
}

function page(bundle: Bundle, path = 'index.html'): string {
  return sanitizeBundle(bundle).files.find((file) => file.path === path)!.content;
}

describe('the bundle rules', () => {
  it.each([
    [
      'a script file',
      { path: 'app.js', content: 'alert(1)' },
      /only \.html, \.css, \.svg, \.txt, \.png, \.jpg, \.webp, \.ico files/,
    ],
    ['an .htm page', { path: 'about.htm', content: '<p>x</p>' }, /only \.html/],
    ['a web font', { path: 'font.woff2', content: 'AAAA', encoding: 'base64' as const }, /only \.html/],
    ['a file three folders deep', { path: 'a/b/c/page.html', content: '' }, /at most two folders/],
    ['an upper-case name', { path: 'About.html', content: '' }, /a-z 0-9/],
    ['a dotfile', { path: '.htaccess', content: '' }, /a-z 0-9/],
    ['a PNG sent as text', { path: 'logo.png', content: 'not base64 at all' }, /must be sent base64-encoded/],
    [
      'a page sent as base64',
      { path: 'about.html', content: 'PHA+', encoding: 'base64' as const },
      /is text, not base64/,
    ],
  ])('refuses %s with a reason that names it', (_label, file, reason) => {
    expect(() => sanitizeBundle(bundleWith(file))).toThrow(reason);
  });

  it('refuses more than 20 files', () => {
    const pages = Array.from({ length: 20 }, (_, i) => ({ path: `page-${i}.html`, content: '' }));
    expect(() => sanitizeBundle(bundleWith(...pages))).toThrow(/at most 20 files/);
  });

  it('refuses more than 2 MiB in all', () => {
    const half = 'x'.repeat(1024 * 1024);
    expect(() =>
      sanitizeBundle(bundleWith({ path: 'a.txt', content: half }, { path: 'b.txt', content: half })),
    ).toThrow(/more than 2 MiB/);
  });

  it('tells the user in plain words, without file names or rules text', () => {
    try {
      sanitizeBundle(bundleWith({ path: 'app.js', content: '' }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnsafeBundleError);
      expect((error as UnsafeBundleError).userMessage).toBe(
        'The generated site broke our publishing rules (only pages, stylesheets, images and text files; at most 20 files and 2 MB).',
      );
    }
  });

  it.each([
    ['a .png that is really HTML', image('logo.png', Buffer.from('<script>alert(1)</script>'))],
    ['a .jpg that is really a PNG', image('photo.jpg', onePixelPng)],
    ['a .webp without its RIFF header', image('photo.webp', Buffer.from('WEBPWEBPWEBP'))],
    ['an .ico that is text', image('favicon.ico', Buffer.from('hello'))],
  ])('refuses %s', (_label, file) => {
    expect(() => sanitizeBundle(bundleWith(file))).toThrow(/is not a (PNG|JPG|WEBP|ICO) image/);
  });

  it('keeps real images as they are, still base64-encoded', () => {
    const bundle = sanitizeBundle(bundleWith(image('img/dot.png', onePixelPng)));
    expect(bundle.files.find((file) => file.path === 'img/dot.png')).toEqual(image('img/dot.png', onePixelPng));
  });
});

describe('bundle images inside pages', () => {
  const dotDataUrl = `data:image/png;base64,${onePixelPng.toString('base64')}`;

  it('inlines an <img> of the bundle as a data: URL, since a sandboxed page cannot load its own files', () => {
    const html = page(
      bundleOf({ path: 'index.html', content: '<img src="img/dot.png" alt="dot">' }, image('img/dot.png', onePixelPng)),
    );
    expect(html).toContain(`<img src="${dotDataUrl}" alt="dot">`);
  });

  it("resolves image paths from the page's own folder", () => {
    const bundle = bundleWith(
      { path: 'pages/about.html', content: '<img src="../img/dot.png">' },
      image('img/dot.png', onePixelPng),
    );
    expect(page(bundle, 'pages/about.html')).toContain(`<img src="${dotDataUrl}">`);
  });

  it('removes the src of an <img> that names no bundle image, so the page requests nothing', () => {
    const html = page(bundleOf({ path: 'index.html', content: '<img src="missing.png" alt="gone">' }));
    expect(html).toContain('<img alt="gone">');
  });

  it("inlines bundle images in <style>, style attributes and linked stylesheets, resolved from the stylesheet's folder", () => {
    const bundle = bundleOf(
      {
        path: 'index.html',
        content:
          '<link rel="stylesheet" href="css/site.css"><style>h1 { background: url(img/dot.png) }</style><p style="background-image: url(\'./img/dot.png\')">x</p>',
      },
      { path: 'css/site.css', content: 'body { background: url(../img/dot.png) repeat; color: red }' },
      image('img/dot.png', onePixelPng),
    );
    const sanitized = sanitizeBundle(bundle);
    const html = sanitized.files[0]!.content;
    expect(html).toContain(`body {\n  background: url("${dotDataUrl}") repeat;\n  color: red;\n}`);
    expect(html).toContain(`h1 {\n  background: url("${dotDataUrl}");\n}`);
    expect(html).toContain(`<p style="background-image: url(&quot;${dotDataUrl}&quot;)">`);
    expect(sanitized.files[1]!.content).toContain(`url("${dotDataUrl}")`);
  });

  it('drops a CSS declaration whose url() names no bundle image', () => {
    const html = page(
      bundleOf({ path: 'index.html', content: '<style>h1 { color: red; background: url(nope.png) }</style>' }),
    );
    expect(html).toContain('h1 {\n  color: red;\n}');
    expect(html).not.toContain('nope.png');
  });

  it('inlines a bundle SVG as the sanitized drawing, never the original', () => {
    const svg =
      '<svg viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10" fill="red"/></svg>';
    const bundle = bundleOf(
      { path: 'index.html', content: '<img src="logo.svg" alt="logo">' },
      { path: 'logo.svg', content: svg },
    );
    const sanitized = sanitizeBundle(bundle);
    const cleanSvg = sanitized.files[1]!.content;
    expect(cleanSvg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="red"></rect></svg>',
    );
    expect(sanitized.files[0]!.content).toContain(
      `<img src="data:image/svg+xml;base64,${Buffer.from(cleanSvg).toString('base64')}" alt="logo">`,
    );
  });

  it('still refuses an SVG smuggled in as a data: URL by the page itself', () => {
    const evil = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>').toString('base64');
    const html = page(bundleOf({ path: 'index.html', content: `<img src="data:image/svg+xml;base64,${evil}">` }));
    expect(html).not.toContain('svg+xml');
  });
});
