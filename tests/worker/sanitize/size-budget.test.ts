import { describe, expect, it } from 'vitest';
import { maxBundleBytes, type Bundle, type BundleFile } from '../../../shared/bundle.ts';
import { BundleTooBigError } from '../../../shared/errors.ts';
import { wordsFor } from '../../../shared/telegram/words/index.ts';
import { sanitizeBundle } from '../../../worker/sanitize/sanitize-bundle.ts';

/**
 * Inlining repeats files: every way a small answer could grow into a large site, each refused the
 * moment it would pass the 2 MiB a site may publish (BundleTooBigError, final), and the ordinary
 * cases that stay under it published.
 */

/** A real PNG of about `bytes` bytes: the signature the sanitizer checks, then filler. */
function png(bytes: number): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, Buffer.alloc(bytes - signature.length, 7)]);
}

function image(path: string, bytes: Buffer): BundleFile {
  return { path, content: bytes.toString('base64'), encoding: 'base64' };
}

function bundleOf(...files: BundleFile[]): Bundle {
  return { title: 'Inflation', summary: '', files };
}

/** 30 KB of PNG (40 KB as a data: URL) named this many times, as a 120 KB answer could. */
const logo = image('logo.png', png(30 * 1024));

describe('the size budget while a bundle is built', () => {
  it('refuses a page that names one image thousands of times, before the copies are made', () => {
    const page = '<img src="logo.png" alt="">'.repeat(3000);
    expect(() => sanitizeBundle(bundleOf({ path: 'index.html', content: page }, logo))).toThrow(BundleTooBigError);
  });

  it('refuses a stylesheet that names one image thousands of times in url()', () => {
    const css = Array.from({ length: 3000 }, (_, i) => `.c${i} { background: url(logo.png) }`).join('\n');
    const bundle = bundleOf({ path: 'index.html', content: '<p>hi</p>' }, { path: 'styles.css', content: css }, logo);
    expect(() => sanitizeBundle(bundle)).toThrow(BundleTooBigError);
  });

  it('refuses one declaration that lists the same image thousands of times', () => {
    const value = Array.from({ length: 3000 }, () => 'url(logo.png)').join(', ');
    const page = `<p style="background-image: ${value}">hi</p>`;
    expect(() => sanitizeBundle(bundleOf({ path: 'index.html', content: page }, logo))).toThrow(BundleTooBigError);
  });

  it('counts a linked stylesheet once per page that links it, however often it is linked', () => {
    const css = `p { color: red; }\n${'.x { color: blue; }\n'.repeat(40_000)}`; // about 0.8 MB
    const links = '<link rel="stylesheet" href="styles.css">'.repeat(50);
    const onePage = bundleOf({ path: 'index.html', content: links }, { path: 'styles.css', content: css });
    expect(() => sanitizeBundle(onePage)).not.toThrow();
    const twoPages = bundleOf(...onePage.files, { path: 'about.html', content: links });
    expect(() => sanitizeBundle(twoPages)).toThrow(BundleTooBigError);
  });

  it('refuses an SVG whose escaped text would pass the limit', () => {
    const svg = `<svg><text>${'&'.repeat(900 * 1024)}</text></svg>`;
    const bundle = bundleOf({ path: 'index.html', content: '<p>hi</p>' }, { path: 'logo.svg', content: svg });
    expect(() => sanitizeBundle(bundle)).toThrow(BundleTooBigError);
  });

  it('refuses an SVG of more elements than any drawing needs before building its tree', () => {
    const svg = `<svg>${'<g/>'.repeat(100_000)}</svg>`;
    const bundle = bundleOf({ path: 'index.html', content: '<p>hi</p>' }, { path: 'logo.svg', content: svg });
    expect(() => sanitizeBundle(bundle)).toThrow(/logo\.svg has more than 20000 elements/);
  });

  it('refuses a page whose escaped text would pass the limit', () => {
    const page = `<p>${'&'.repeat(500 * 1024)}</p>`;
    expect(() => sanitizeBundle(bundleOf({ path: 'index.html', content: page }))).toThrow(BundleTooBigError);
  });

  it('publishes a page that shows a bundle image a few times, each copy counted, within the limit', () => {
    const page = '<img src="logo.png" alt="">'.repeat(20);
    const sanitized = sanitizeBundle(bundleOf({ path: 'index.html', content: page }, logo));
    const bytes = sanitized.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
    expect(bytes).toBeGreaterThan(20 * 40 * 1024);
    expect(bytes).toBeLessThanOrEqual(maxBundleBytes * 1.4); // the PNG is counted decoded, stored here as base64
  });

  it('makes the refusal final, with its own plain-words reason in every language', () => {
    const page = '<img src="logo.png" alt="">'.repeat(3000);
    const error = (() => {
      try {
        sanitizeBundle(bundleOf({ path: 'index.html', content: page }, logo));
      } catch (thrown) {
        return thrown as BundleTooBigError;
      }
      throw new Error('the bundle was not refused');
    })();
    expect(error.retryable).toBe(false);
    expect(error.userReason).toBe('tooBigOnceBuilt');
    for (const language of ['en', 'ko']) expect(wordsFor(language).failed(error.userReason)).toMatch(/2 MB/);
  });
});
