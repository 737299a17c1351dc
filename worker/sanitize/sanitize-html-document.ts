import { defaultTreeAdapter as tree, html as spec, parse, serialize } from 'parse5';
import sanitizeHtml from 'sanitize-html';
import { forEachElement, ownText, type Element } from './html-tree.ts';
import { sanitizeStyleAttribute, sanitizeStylesheet } from './sanitize-css.ts';
import { classifyHref, isAllowedImageSrc } from './url-policy.ts';

export interface HtmlDocumentOptions {
  /** Already cleaned CSS that goes into `<head>` as `<style>` (the page's linked bundle stylesheets): `<link>` is never kept. */
  inlineStylesheets?: string[];
  /**
   * The data: URL of the bundle image a bundle-relative URL (in `<img src>` or CSS `url()`) points
   * to, or undefined when there is none — then the reference is removed. A preview page cannot load
   * even its own files (sandboxed, opaque origin), so images are inlined. Unset, such URLs stay.
   */
  resolveUrl?: (url: string) => string | undefined;
}

/**
 * A whole HTML document → the same document with only static, self-contained content left.
 * Two passes: sanitize-html applies the tag/attribute/URL allowlist; then parse5 (which parses
 * like a browser) cleans every `<style>` and `style=""` with our CSS rules, inlines bundle images
 * and re-serializes, so the CSS we checked is exactly the CSS the browser will see.
 */
export function sanitizeHtmlDocument(document: string, options: HtmlDocumentOptions = {}): string {
  return finishDocument(sanitizeHtml(document, ALLOWLIST), options);
}

const ALLOWED_TAGS = [
  'html',
  'head',
  'title',
  'meta',
  'style',
  'body',
  'header',
  'nav',
  'main',
  'section',
  'article',
  'aside',
  'footer',
  'address',
  'hgroup',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'div',
  'span',
  'a',
  'br',
  'hr',
  'blockquote',
  'q',
  'cite',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'img',
  'details',
  'summary',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'strong',
  'em',
  'b',
  'i',
  'u',
  's',
  'small',
  'mark',
  'sub',
  'sup',
  'abbr',
  'time',
  'code',
  'pre',
  'kbd',
  'samp',
];

const ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    '*': ['class', 'id', 'style', 'lang', 'dir', 'title', 'role', 'aria-*'],
    a: ['href', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
    meta: ['name', 'content'],
    td: ['colspan', 'rowspan', 'headers'],
    th: ['colspan', 'rowspan', 'headers', 'scope'],
    col: ['span'],
    colgroup: ['span'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    time: ['datetime'],
    details: ['open'],
  },
  allowedSchemes: ['https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Elements dropped together with everything inside them, not just their tags.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'xmp',
    'noscript',
    'noembed',
    'noframes',
    'template',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    'select',
    'plaintext',
  ],
  // <style> is allowed on purpose: its CSS is cleaned in the second pass.
  allowVulnerableTags: true,
  // Style attributes go through our CSS cleaner in the second pass, not through postcss here.
  parseStyleAttributes: false,
  transformTags: {
    a: (tagName, attribs) => {
      // target and rel are ours to set: only external links open a new, unlinked tab.
      const { target: _target, rel: _rel, ...kept } = attribs;
      const kind = attribs.href === undefined ? 'blocked' : classifyHref(attribs.href);
      if (kind === 'blocked') delete kept.href;
      else kept.href = attribs.href!.trim();
      if (kind === 'external') Object.assign(kept, { target: '_blank', rel: 'noopener noreferrer' });
      return { tagName, attribs: kept };
    },
    img: (tagName, attribs) => {
      const { srcset: _srcset, ...kept } = attribs;
      if (attribs.src !== undefined && isAllowedImageSrc(attribs.src)) kept.src = attribs.src.trim();
      else delete kept.src;
      return { tagName, attribs: kept };
    },
    meta: (tagName, attribs): sanitizeHtml.Tag => {
      // Only viewport and description survive; charset is re-added first thing in <head>, and
      // http-equiv (refresh, CSP overrides, cookies) never. An emptied <meta> is removed below.
      const name = attribs.name?.toLowerCase();
      const keep =
        attribs['http-equiv'] === undefined && (name === 'viewport' || name === 'description') && attribs.content;
      return { tagName, attribs: keep ? { name: name!, content: attribs.content! } : {} };
    },
  },
  // Not a rename to a disallowed tag: sanitize-html then mislabels the next element's end tag.
  exclusiveFilter: (frame) => frame.tag === 'meta' && !frame.attribs.name,
};

/** Second pass: doctype, charset, linked stylesheets and bundle images inlined, every bit of CSS cleaned. */
function finishDocument(sanitized: string, options: HtmlDocumentOptions): string {
  const { inlineStylesheets = [], resolveUrl } = options;
  // The doctype keeps the page out of quirks mode; sanitize-html drops the original one.
  const document = parse(`<!DOCTYPE html>${sanitized}`);
  const styles: Element[] = [];
  let head: Element | undefined;
  forEachElement(document, (element) => {
    if (element.tagName === 'head' && !head) head = element;
    if (element.tagName === 'style') styles.push(element);
    if (element.tagName === 'img' && resolveUrl) inlineImage(element, resolveUrl);
    const style = element.attrs.find((attr) => attr.name === 'style');
    if (style) {
      style.value = sanitizeStyleAttribute(style.value, { resolveUrl });
      if (!style.value) element.attrs = element.attrs.filter((attr) => attr !== style);
    }
  });
  for (const style of styles) {
    const css = sanitizeStylesheet(ownText(style), { resolveUrl });
    if (!css) {
      tree.detachNode(style);
      continue;
    }
    style.childNodes = [];
    tree.insertText(style, css);
    style.attrs = [];
  }
  if (head) {
    const first = head.childNodes[0];
    const insert = (node: Element) => (first ? tree.insertBefore(head!, node, first) : tree.appendChild(head!, node));
    insert(element('meta', { charset: 'utf-8' }));
    for (const css of inlineStylesheets.filter(Boolean)) {
      const style = element('style', {});
      tree.insertText(style, css);
      insert(style);
    }
  }
  return serialize(document);
}

/** `<img src="logo.png">` → the image inlined as a data: URL; a src naming no bundle image is removed. */
function inlineImage(img: Element, resolveUrl: (url: string) => string | undefined): void {
  const src = img.attrs.find((attr) => attr.name === 'src');
  if (!src || /^data:/i.test(src.value.trim())) return;
  const dataUrl = resolveUrl(src.value);
  if (dataUrl) src.value = dataUrl;
  else img.attrs = img.attrs.filter((attr) => attr !== src);
}

function element(tagName: string, attributes: Record<string, string>): Element {
  return tree.createElement(
    tagName,
    spec.NS.HTML,
    Object.entries(attributes).map(([name, value]) => ({ name, value })),
  );
}
