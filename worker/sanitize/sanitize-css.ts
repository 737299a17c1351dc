import { decodeCssEscapes, parseCssBlocks, type CssNode } from './css-blocks.ts';
import type { SizeBudget } from './size-budget.ts';
import { isAllowedCssUrl } from './url-policy.ts';

/**
 * CSS cleaning for `<style>` elements, `.css` files and `style=""` attributes. The threat is CSS
 * that loads something (`@import`, `url()`, `image-set()`, fonts) or runs something (old IE
 * `expression()`, `behavior`, `-moz-binding`). The rule: keep what we can read and judge, drop the
 * whole declaration or rule when in doubt. Checks run on escape-decoded text, so `\75 rl(` counts as
 * `url(`; output is rebuilt from checked pieces only.
 */

/** At-rules whose block holds rules, and at-rules whose block holds declarations. Others are dropped. */
const RULE_BLOCK_AT_RULES = new Set([
  'media',
  'supports',
  'container',
  'layer',
  'scope',
  'starting-style',
  'keyframes',
  '-webkit-keyframes',
]);
const DECLARATION_BLOCK_AT_RULES = new Set(['font-face', 'page', 'property', 'counter-style', 'font-palette-values']);

const BANNED_PROPERTIES = new Set(['behavior', '-ms-behavior', 'binding', '-moz-binding']);

/**
 * Functions that fetch or execute, besides `url()` which is judged by its argument (`behavior` and
 * `-moz-binding` are caught by property name above). `image()` and
 * `src()` take plain strings as URLs; `attr()` can feed attribute text into values; `paint()` calls
 * worklets. None is needed for a static page.
 */
const DANGEROUS =
  /expression\s*\(|javascript\s*:|vbscript\s*:|-moz-binding|@import|image-set\s*\(|(?:^|[^\w-])(?:image|src|attr|paint)\s*\(|cross-fade\s*\(|element\s*\(/i;

export interface CssOptions {
  /**
   * Replaces each bundle-relative `url()` (a bundle file) with what the page can actually load:
   * a data: URL of that file, or undefined to drop the declaration (no such image). Unset, such
   * URLs are kept as they are.
   */
  resolveUrl?: (url: string) => string | undefined;
  /**
   * The bundle's size budget: each data: URL put in place of a file name must still fit in it
   * before it is put in (the caller charges the CSS once it writes it). Unset, nothing is checked.
   */
  budget?: SizeBudget;
}

/** A whole stylesheet: `<style>` content or a `.css` file. */
export function sanitizeStylesheet(css: string, options: CssOptions = {}): string {
  if (!css.length) return '';
  const context = inliningContext(options, css);
  const rules = parseCssBlocks(css).flatMap((node) => cleanRule(node, 0, context) ?? []);
  return escapeEndTags(rules.join('\n'));
}

/** A `style=""` attribute value: declarations only, nested blocks dropped. */
export function sanitizeStyleAttribute(css: string, options: CssOptions = {}): string {
  const context = inliningContext(options, css);
  const declarations = parseCssBlocks(css).flatMap((node) =>
    node.kind === 'statement' ? (cleanDeclaration(node, context) ?? []) : [],
  );
  return escapeEndTags(declarations.join('; '));
}

const MAY_NAME_URL = /url|\\/i;

/**
 * The options for one stylesheet or attribute, with `resolveUrl` checking the budget for every data:
 * URL it hands out: a sheet naming one image ten thousand times stops before it holds ten thousand
 * copies.
 */
function inliningContext(options: CssOptions, css: string): CssOptions {
  const { budget } = options;
  // Without `url(` (or an escape that could spell it) nothing is inlined.
  if (!options.resolveUrl || !budget || !MAY_NAME_URL.test(css)) return options;
  let inlined = 0;
  return {
    resolveUrl: (url) => {
      const dataUrl = options.resolveUrl!(url);
      if (dataUrl !== undefined) {
        inlined += dataUrl.length;
        budget.ensureRoom(inlined, `an image inlined by CSS (${url.slice(0, 60)})`);
      }
      return dataUrl;
    },
  };
}

function cleanRule(node: CssNode, depth: number, options: CssOptions): string | undefined {
  const pad = '  '.repeat(depth);
  if (node.broken) return undefined;
  if (node.kind === 'statement') {
    // At rule level only `@layer a, b;` is harmless; @import, @charset, @namespace and strays go.
    return /^@layer\s+[-\w\s,.]+$/i.test(node.text) ? `${pad}${node.text};` : undefined;
  }
  const prelude = node.prelude.replace(/\s+/g, ' ');
  if (!prelude || !isSafeText(prelude)) return undefined;

  let body: string[];
  if (prelude.startsWith('@')) {
    // A name spelled with escapes (`@\69mport`) does not match and is dropped.
    const name = /^@(-?[a-z][a-z-]*)(?=[\s(]|$)/i.exec(prelude)?.[1]?.toLowerCase();
    if (name && RULE_BLOCK_AT_RULES.has(name))
      body = node.children.flatMap((child) => cleanRule(child, depth + 1, options) ?? []);
    else if (name && DECLARATION_BLOCK_AT_RULES.has(name))
      body = cleanDeclarationBlock(node.children, depth + 1, options);
    else return undefined;
  } else {
    body = cleanDeclarationBlock(node.children, depth + 1, options);
  }
  return body.length ? `${pad}${prelude} {\n${body.join('\n')}\n${pad}}` : undefined;
}

/** Declarations, plus nested rules (CSS nesting) judged like top-level ones. */
function cleanDeclarationBlock(nodes: CssNode[], depth: number, options: CssOptions): string[] {
  const pad = '  '.repeat(depth);
  return nodes.flatMap((node) => {
    if (node.kind === 'block') return cleanRule(node, depth, options) ?? [];
    const declaration = cleanDeclaration(node, options);
    return declaration ? `${pad}${declaration};` : [];
  });
}

function cleanDeclaration(node: CssNode & { kind: 'statement' }, options: CssOptions): string | undefined {
  if (node.broken) return undefined;
  // Property names must be plain: an escaped name is either a trick or a typo.
  const match = /^(--[\w-]+|-?[a-z][a-z0-9-]*)\s*:([\s\S]*)$/i.exec(node.text);
  if (!match) return undefined;
  const [, name = '', rawValue = ''] = match;
  const value = rawValue.trim();
  if (BANNED_PROPERTIES.has(name.toLowerCase()) || !value || !isSafeText(value)) return undefined;
  const resolved = options.resolveUrl ? inlineBundleUrls(value, options) : value;
  return resolved === undefined ? undefined : `${name}: ${resolved}`;
}

/**
 * `url(img/a.png)` → `url("data:image/png;base64,…")`, for a value that already passed isSafeText.
 * Undefined (drop the declaration) when a bundle file is missing, or when a url() is spelled with
 * escapes: rewriting those reliably would take a real tokenizer, and no honest page needs them.
 */
function inlineBundleUrls(value: string, options: CssOptions): string | undefined {
  if (!/url\s*\(/i.test(decodeCssEscapes(value))) return value;
  if (value.includes('\\')) return undefined;
  let missing = false;
  const rewritten = value.replace(/url\s*\(\s*(["']?)([^"'()\s]*)\1\s*\)/gi, (whole, _quote: string, url: string) => {
    if (/^data:/i.test(url)) return whole;
    const dataUrl = options.resolveUrl!(url);
    if (dataUrl === undefined) missing = true;
    return `url("${dataUrl}")`;
  });
  // Every url() left must now be a data: URL, or something was not matched above.
  if (missing || !urlArguments(rewritten).every((url) => url !== undefined && /^data:/i.test(url))) return undefined;
  return rewritten;
}

/** True when the text neither loads from outside the bundle nor runs anything, escapes decoded. */
export function isSafeText(text: string): boolean {
  const decoded = decodeCssEscapes(text);
  if (DANGEROUS.test(decoded)) return false;
  return urlArguments(decoded).every((url) => url !== undefined && isAllowedCssUrl(url));
}

/** The argument of every `url(…)`; undefined for one we cannot read cleanly (which then fails). */
function urlArguments(decoded: string): (string | undefined)[] {
  const found: (string | undefined)[] = [];
  const opener = /url\s*\(\s*/gi;
  // Sticky patterns read the argument in place: no copying the rest of a long value per url().
  const quoted = /(["'])([^"']*)\1\s*\)/y;
  const bare = /([^"'()\s]*)\s*\)/y;
  for (let match = opener.exec(decoded); match; match = opener.exec(decoded)) {
    quoted.lastIndex = bare.lastIndex = opener.lastIndex;
    const argument = quoted.exec(decoded)?.[2] ?? bare.exec(decoded)?.[1];
    found.push(argument);
  }
  return found;
}

/** `</style` inside CSS would end the element early; `<\/` means the same to CSS and nothing to HTML. */
function escapeEndTags(css: string): string {
  return css.replace(/<\//g, '<\\/');
}
