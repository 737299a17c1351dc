import { html as spec, parseFragment, Tokenizer, TokenizerMode, type Token, type TokenHandler } from 'parse5';
import { UnsafeBundleError } from '../../shared/errors.ts';
import { decodeCssEscapes } from './css-blocks.ts';
import { forEachElement, ownText, type Element } from './html-tree.ts';
import { effectiveScheme, isImageDataUrl } from './url-policy.ts';

/**
 * Belt and braces: re-read the sanitizer's output the way a browser would and refuse the bundle if
 * anything active or external is still there. It deliberately does not reuse the allowlists — it is
 * a denylist of what must never be published, so a gap in one layer is caught by the other.
 */

const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'portal',
  'fencedframe',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'base',
  'link',
  'noscript',
  'template',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
  'video',
  'audio',
  'source',
  'track',
  'canvas',
  'area',
  'map',
]);

/** Attributes a browser fetches or navigates to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'cite',
  'data',
  'codebase',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'manifest',
  'usemap',
]);

/** Attributes the sanitizer never publishes, whatever their value: each makes the browser send something. */
const NEVER_ATTRIBUTES = new Set(['srcset', 'imagesrcset', 'ping', 'attributionsrc', 'srcdoc', 'http-equiv']);

/**
 * Reads a page with parse5's tokenizer, which splits markup exactly as a browser's does, and checks
 * every start tag and every stylesheet. The tree builder is not run: it costs about a third more
 * and holds the whole page as objects (2 MiB of `<i>` tags became a 194 MB tree), and for what
 * this check looks at, the tokens say everything the tree would, because every start tag that
 * makes tree building differ from the token stream is itself refused here:
 *
 * - foreign content (only `<svg>` and `<math>` start it) — so every element is an HTML element;
 * - the tags after which the tree builder switches the tokenizer to raw text or plain text
 *   (`script`, `textarea`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`, `plaintext`) — except
 *   `<style>` (raw text) and `<title>` (escapable raw text), which switch it here just as the tree
 *   builder does in every insertion mode left: the modes that would ignore them (`select`,
 *   `frameset`, `template`, foreign content) are entered only through refused tags.
 *
 * Attributes the tree builder merges (a second `<body>`) or copies (re-opened formatting elements)
 * are checked on the tag that carries them; `<image>`, which it renames `<img>`, passes the same URL
 * checks as every element.
 */
export function assertNoActiveContent(html: string, path: string): void {
  const checker = new PageChecker(path);
  checker.read(html);
}

class PageChecker implements TokenHandler {
  readonly #path: string;
  readonly #tokenizer: Tokenizer;
  /** The text of the `<style>` being read, undefined outside one. */
  #styleText: string | undefined;

  constructor(path: string) {
    this.#path = path;
    this.#tokenizer = new Tokenizer({}, this);
  }

  read(html: string): void {
    this.#tokenizer.write(html, true);
  }

  onStartTag(token: Token.TagToken): void {
    const problem = findProblem(token.tagName, token.attrs);
    if (problem) throw new UnsafeBundleError(`active content survived sanitizing in ${this.#path}: ${problem}`);
    if (token.tagName === 'style') {
      this.#styleText = '';
      this.#tokenizer.state = TokenizerMode.RAWTEXT;
    } else if (token.tagName === 'title') {
      this.#tokenizer.state = TokenizerMode.RCDATA;
    }
  }

  onEndTag(token: Token.TagToken): void {
    if (token.tagName === 'style') this.#endStyle();
  }

  onEof(): void {
    this.#endStyle();
  }

  onCharacter(token: Token.CharacterToken): void {
    if (this.#styleText !== undefined) this.#styleText += token.chars;
  }

  onNullCharacter(token: Token.CharacterToken): void {
    this.onCharacter(token);
  }

  onWhitespaceCharacter(token: Token.CharacterToken): void {
    this.onCharacter(token);
  }

  onComment(): void {}

  onDoctype(): void {}

  #endStyle(): void {
    if (this.#styleText === undefined) return;
    const problem = findCssProblem(this.#styleText);
    this.#styleText = undefined;
    if (problem)
      throw new UnsafeBundleError(`active content survived sanitizing in ${this.#path}: ${problem} in <style>`);
  }
}

/** The same check for a `.css` file of the bundle. */
export function assertSafeStylesheet(css: string, path: string): void {
  const problem = findCssProblem(css);
  if (problem) throw new UnsafeBundleError(`unsafe CSS survived sanitizing in ${path}: ${problem}`);
}

/** The same check for a sanitized `.svg` file (or an SVG data: URL's content). */
export function assertSafeSvg(svg: string, path: string): void {
  const problem = findSvgProblem(svg);
  if (problem) throw new UnsafeBundleError(`active content survived sanitizing in ${path}: ${problem}`);
}

/** What is wrong with a start tag, if anything (a stylesheet's text is checked at its end). */
function findProblem(tag: string, attributes: Token.Attribute[]): string | undefined {
  if (FORBIDDEN_ELEMENTS.has(tag)) return `a <${tag}> element`;
  let target: string | undefined;
  let rel = '';
  for (const { name, value } of attributes) {
    if (name.startsWith('on')) return `an event handler ${name}= on <${tag}>`;
    if (NEVER_ATTRIBUTES.has(name)) return `${name}= on <${tag}>`;
    if (URL_ATTRIBUTES.has(name)) {
      const problem = findUrlProblem(name, value);
      if (problem) return `${problem} in ${name}= on <${tag}>`;
    }
    if (name === 'style') {
      const problem = findCssProblem(value);
      if (problem) return `${problem} in a style attribute on <${tag}>`;
    }
    if (name === 'charset' && value.trim().toLowerCase() !== 'utf-8') return `a ${value} charset`;
    if (name === 'target') target = value;
    if (name === 'rel') rel = value;
  }
  if (tag === 'a' && target !== undefined) {
    // A link that opens another tab must not hand it a window reference or our URL.
    const rels = rel.toLowerCase().split(/\s+/);
    if (target !== '_blank' || !rels.includes('noopener') || !rels.includes('noreferrer'))
      return `a link with target="${target}" rel="${rels.join(' ')}"`;
  }
  return undefined;
}

function findUrlProblem(attribute: string, value: string): string | undefined {
  const scheme = effectiveScheme(value);
  if (scheme === 'javascript' || scheme === 'vbscript') return `a ${scheme}: URL`;
  if (scheme === 'data') return isPublishableDataUrl(value) ? undefined : 'a data: URL that is not a safe image';
  // Links may leave the site (that is what they are for); nothing else may load from outside.
  if (attribute === 'href')
    return scheme === undefined || scheme === 'https' || scheme === 'mailto' ? undefined : `a ${scheme}: link`;
  if (scheme !== undefined || /^[\s\\/]*[\\/]/.test(value)) return 'an external or root-relative URL';
  return undefined;
}

/**
 * An image a page may show inline: a raster image, or an SVG only when base64-encoded (as the
 * sanitizer writes them) and its drawing passes the SVG check too. Fonts pass in CSS only.
 */
function isPublishableDataUrl(value: string, allowFonts = false): boolean {
  // eslint-disable-next-line no-control-regex -- browsers drop these controls inside a URL, so must the check
  const url = value.replace(/[\s\u0000-\u001f]+/g, '');
  const svg = /^data:image\/svg\+xml;base64,([A-Za-z0-9+/]*={0,2})$/i.exec(url);
  if (svg) return findSvgProblem(Buffer.from(svg[1]!, 'base64').toString('utf8')) === undefined;
  if (/^data:image\/(?:x-icon|vnd\.microsoft\.icon);base64,[A-Za-z0-9+/]*={0,2}$/i.test(url)) return true;
  if (allowFonts && /^data:font\/(?:woff2?|ttf|otf)(?:;base64)?,[a-z0-9+/=%._~-]*$/i.test(url)) return true;
  return isImageDataUrl(url);
}

/** Anything in CSS that fetches from outside the bundle or executes. Escapes and comments removed first. */
function findCssProblem(css: string): string | undefined {
  const text = decodeCssEscapes(css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' '));
  const active =
    /@import|expression\s*\(|-moz-binding|(?<![\w-])(?:-ms-)?behavior\s*:|javascript\s*:|vbscript\s*:/i.exec(text);
  if (active) return `"${active[0]}"`;
  for (const match of text.matchAll(/url\s*\(\s*["']?([^"')]*)/gi)) {
    const url = match[1]!.trim();
    const scheme = effectiveScheme(url);
    if (scheme === 'data' ? !isPublishableDataUrl(url, true) : scheme !== undefined || /^[\\/]/.test(url)) {
      return `url(${url.slice(0, 60)})`;
    }
  }
  return undefined;
}

/** SVG elements that run script, embed HTML, load or link to anything, or rewrite attributes over time. */
const FORBIDDEN_SVG_ELEMENTS = new Set([
  'script',
  'foreignObject',
  'image',
  'feImage',
  'a',
  'animate',
  'animateMotion',
  'animateTransform',
  'set',
  'discard',
  'handler',
  'listener',
  'iframe',
  'video',
  'audio',
  'canvas',
  'object',
  'embed',
]);

function findSvgProblem(svg: string): string | undefined {
  const fragment = parseFragment(svg);
  const roots = fragment.childNodes.filter((node): node is Element => 'tagName' in node);
  const root = roots[0];
  if (roots.length !== 1 || !root || root.tagName !== 'svg' || root.namespaceURI !== spec.NS.SVG)
    return 'not a single <svg> drawing';
  let problem: string | undefined;
  forEachElement(fragment, (element) => {
    problem ??= findSvgElementProblem(element);
  });
  return problem;
}

function findSvgElementProblem(element: Element): string | undefined {
  const tag = element.tagName;
  if (element.namespaceURI !== spec.NS.SVG) return `<${tag}> outside the SVG namespace`;
  if (FORBIDDEN_SVG_ELEMENTS.has(tag)) return `an SVG <${tag}>`;
  for (const { name, value } of element.attrs) {
    if (name.toLowerCase().startsWith('on')) return `an event handler ${name}= on SVG <${tag}>`;
    if (name === 'href' && !/^\s*#/.test(value)) return `href="${value.slice(0, 60)}" on SVG <${tag}>`;
    const urls = [...decodeCssEscapes(value).matchAll(/url\s*\(\s*["']?([^"')]*)/gi)];
    if (urls.some((match) => !match[1]!.trim().startsWith('#'))) return `an outside url() in ${name}= on SVG <${tag}>`;
  }
  if (tag === 'style') {
    const text = decodeCssEscapes(ownText(element));
    if (/@import|url\s*\(\s*["']?(?!#)|expression\s*\(|javascript\s*:/i.test(text))
      return 'an outside reference in an SVG <style>';
  }
  return undefined;
}
