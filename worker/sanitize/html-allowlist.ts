import { sanitizeStyleAttribute } from './sanitize-css.ts';
import { classifyHref, isAllowedImageSrc } from './url-policy.ts';

/**
 * What a published page may hold: static structure, text, tables, images and links, `<style>` and
 * `style=""` (cleaned by sanitize-css.ts). Never script, SVG/MathML, forms, frames, objects, `base`,
 * `link` or `meta http-equiv`. Other tags are unwrapped (their content stays), except the ones in
 * DROPPED_WITH_CONTENT, which go with everything inside them.
 */
export const ALLOWED_TAGS = new Set([
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
]);

/** Allowed elements that have no end tag. */
export const VOID_TAGS = new Set(['br', 'hr', 'img', 'meta', 'col']);

/** Elements dropped together with everything inside them, not just their tags. */
export const DROPPED_WITH_CONTENT = new Set([
  'script',
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
]);

/**
 * Elements the browser puts in `<head>` when they come before any content; anything else starts
 * `<body>`. Dropped ones are listed too: dropping them must not move the page's body.
 */
export const HEAD_CONTENT = new Set([
  'title',
  'meta',
  'style',
  'link',
  'base',
  'script',
  'noscript',
  'template',
  'basefont',
  'bgsound',
]);

const GLOBAL_ATTRIBUTES = new Set(['class', 'id', 'style', 'lang', 'dir', 'title', 'role']);
const ARIA_ATTRIBUTE = /^aria-[a-z0-9_.:-]+$/;

const TAG_ATTRIBUTES: Record<string, Set<string> | undefined> = {
  a: new Set(['href']),
  img: new Set(['src', 'alt', 'width', 'height', 'loading', 'decoding']),
  td: new Set(['colspan', 'rowspan', 'headers']),
  th: new Set(['colspan', 'rowspan', 'headers', 'scope']),
  col: new Set(['span']),
  colgroup: new Set(['span']),
  ol: new Set(['start', 'reversed', 'type']),
  li: new Set(['value']),
  time: new Set(['datetime']),
  details: new Set(['open']),
};

export interface AttributeOptions {
  /**
   * The data: URL of the bundle image a bundle-relative URL (`<img src>`, CSS `url()`) points to, or
   * undefined when there is none: then the reference is removed. Unset, such URLs stay as they are.
   */
  resolveUrl?: (url: string) => string | undefined;
}

/**
 * The attributes an allowed element keeps, serialized (` name="value"`…, values escaped), in their
 * order; undefined when the element itself must go (a `<meta>` other than viewport or description).
 * Values arrive entity-decoded, as the browser sees them. Links get our own `target` and `rel`:
 * external ones open a new tab with no opener and no referrer.
 */
export function keptAttributes(
  tag: string,
  attributes: Record<string, string>,
  options: AttributeOptions,
): string | undefined {
  if (tag === 'meta') return metaAttributes(attributes);
  const own = TAG_ATTRIBUTES[tag];
  let out = '';
  let external = false;
  for (const name in attributes) {
    // The browser reads NUL in an attribute value as U+FFFD.
    let value = attributes[name]!;
    if (value.includes('\0')) value = value.replace(/\0/g, '\ufffd');
    if (name === 'href' && tag === 'a') {
      const kind = classifyHref(value);
      if (kind === 'blocked') continue;
      external = kind === 'external';
      value = value.trim();
    } else if (name === 'src' && tag === 'img') {
      const src = imageSource(value, options);
      if (src === undefined) continue;
      value = src;
    } else if (name === 'style') {
      value = sanitizeStyleAttribute(value, options);
      if (!value) continue;
    } else if (!(GLOBAL_ATTRIBUTES.has(name) || own?.has(name) || ARIA_ATTRIBUTE.test(name))) {
      continue;
    }
    out += ` ${name}="${escapeAttribute(value)}"`;
  }
  if (external) out += ' target="_blank" rel="noopener noreferrer"';
  return out;
}

/** Only viewport and description survive; charset is written by the sanitizer itself, http-equiv never. */
function metaAttributes(attributes: Record<string, string>): string | undefined {
  const name = attributes.name?.toLowerCase();
  const content = attributes.content;
  if (attributes['http-equiv'] !== undefined || !content || (name !== 'viewport' && name !== 'description'))
    return undefined;
  return ` name="${name}" content="${escapeAttribute(content)}"`;
}

/** An image's src as published: a data: image, or a bundle image inlined; undefined removes it. */
function imageSource(src: string, options: AttributeOptions): string | undefined {
  if (!isAllowedImageSrc(src)) return undefined;
  const url = src.trim();
  if (!options.resolveUrl || /^data:/i.test(url)) return url;
  return options.resolveUrl(url);
}

/** As the HTML serializing algorithm escapes an attribute value. */
export function escapeAttribute(value: string): string {
  return /["&\u00a0]/.test(value) ? value.replace(/["&\u00a0]/g, escapeCharacter) : value;
}

/** As the HTML serializing algorithm escapes text. */
export function escapeText(text: string): string {
  return /[&<>\u00a0]/.test(text) ? text.replace(/[&<>\u00a0]/g, escapeCharacter) : text;
}

function escapeCharacter(char: string): string {
  switch (char) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    default:
      return '&nbsp;';
  }
}
