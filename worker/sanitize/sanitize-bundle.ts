import { parse } from 'parse5';
import type { Bundle, BundleFile } from '../../shared/bundle.ts';
import { assertNoActiveContent, assertSafeStylesheet } from './assert-no-active-content.ts';
import { forEachElement, getAttribute } from './html-tree.ts';
import { sanitizeStylesheet } from './sanitize-css.ts';
import { sanitizeHtmlDocument } from './sanitize-html-document.ts';

/**
 * The bundle as it may be published: every HTML page and stylesheet cleaned, then checked again.
 * Throws UnsafeBundleError if active content survives anyway. Only text files are kept: .html/.htm,
 * .css and .txt; anything else is dropped (the bundle format carries no binaries yet).
 *
 * `<link>` is never published, so a page's linked bundle stylesheets are inlined as `<style>` —
 * the design stays, the extra request goes. The .css files stay in the bundle too.
 */
export function sanitizeBundle(bundle: Bundle): Bundle {
  const stylesheets = new Map<string, string>();
  for (const file of bundle.files) {
    if (!isCss(file.path)) continue;
    const css = sanitizeStylesheet(file.content);
    assertSafeStylesheet(css, file.path);
    stylesheets.set(file.path, css);
  }

  const files = bundle.files.flatMap((file): BundleFile[] => {
    if (isHtml(file.path)) {
      const inlineStylesheets = linkedStylesheets(file.content, file.path).flatMap((path) => stylesheets.get(path) ?? []);
      const content = sanitizeHtmlDocument(file.content, { inlineStylesheets });
      assertNoActiveContent(content, file.path);
      return [{ path: file.path, content }];
    }
    if (isCss(file.path)) return [{ path: file.path, content: stylesheets.get(file.path) ?? '' }];
    if (file.path.endsWith('.txt')) return [file];
    return [];
  });
  return { ...bundle, files };
}

const isHtml = (path: string) => /\.html?$/.test(path);
const isCss = (path: string) => path.endsWith('.css');

/** Bundle paths of the stylesheets a page links, in order, resolved against the page's own folder. */
function linkedStylesheets(html: string, pagePath: string): string[] {
  const base = new URL(pagePath, 'https://bundle.invalid/');
  const paths: string[] = [];
  forEachElement(parse(html), (element) => {
    if (element.tagName !== 'link') return;
    const rel = (getAttribute(element, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = getAttribute(element, 'href');
    if (!rel.includes('stylesheet') || !href) return;
    try {
      const url = new URL(href.trim(), base);
      const path = decodeURIComponent(url.pathname.slice(1));
      if (url.origin === base.origin && !paths.includes(path)) paths.push(path);
    } catch {
      // not a URL we can resolve: nothing to inline
    }
  });
  return paths;
}
