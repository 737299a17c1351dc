import { html as spec, parse } from 'parse5';
import { UnsafeBundleError } from '../../shared/errors.ts';
import { decodeCssEscapes } from './css-blocks.ts';
import { forEachElement, ownText, type Element } from './html-tree.ts';
import { effectiveScheme, isImageDataUrl } from './url-policy.ts';

/**
 * Belt and braces: re-parse the sanitizer's output the way a browser would and refuse the bundle if
 * anything active or external is still there. It deliberately does not reuse the allowlists — it is
 * a denylist of what must never be published, so a gap in one layer is caught by the other.
 */

const FORBIDDEN_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe',
  'svg', 'math', 'form', 'input', 'button', 'select', 'textarea', 'base', 'link', 'noscript', 'template',
  'xmp', 'plaintext', 'noembed', 'noframes', 'video', 'audio', 'source', 'track', 'canvas',
]);

/** Attributes a browser fetches or navigates to. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'imagesrcset', 'action', 'formaction', 'xlink:href', 'poster', 'background',
  'cite', 'data', 'ping', 'codebase', 'lowsrc', 'dynsrc', 'longdesc', 'manifest', 'usemap',
]);

export function assertNoActiveContent(html: string, path: string): void {
  forEachElement(parse(html), (element) => {
    const problem = findProblem(element);
    if (problem) throw new UnsafeBundleError(`active content survived sanitizing in ${path}: ${problem}`);
  });
}

/** The same check for a `.css` file of the bundle. */
export function assertSafeStylesheet(css: string, path: string): void {
  const problem = findCssProblem(css);
  if (problem) throw new UnsafeBundleError(`unsafe CSS survived sanitizing in ${path}: ${problem}`);
}

function findProblem(element: Element): string | undefined {
  const tag = element.tagName;
  if (element.namespaceURI !== spec.NS.HTML) return `<${tag}> in a foreign (SVG/MathML) namespace`;
  if (FORBIDDEN_ELEMENTS.has(tag)) return `a <${tag}> element`;
  for (const { name, value } of element.attrs) {
    if (name.toLowerCase().startsWith('on')) return `an event handler ${name}= on <${tag}>`;
    if (name === 'http-equiv') return `<${tag} http-equiv>`;
    if (name === 'srcdoc') return `srcdoc on <${tag}>`;
    if (URL_ATTRIBUTES.has(name)) {
      const problem = findUrlProblem(name, value);
      if (problem) return `${problem} in ${name}= on <${tag}>`;
    }
    if (name === 'style') {
      const problem = findCssProblem(value);
      if (problem) return `${problem} in a style attribute on <${tag}>`;
    }
  }
  if (tag === 'style') {
    const problem = findCssProblem(ownText(element));
    if (problem) return `${problem} in <style>`;
  }
  return undefined;
}

function findUrlProblem(attribute: string, value: string): string | undefined {
  const scheme = effectiveScheme(value);
  if (scheme === 'javascript' || scheme === 'vbscript') return `a ${scheme}: URL`;
  if (scheme === 'data') return isImageDataUrl(value.trim()) ? undefined : 'a data: URL that is not an image';
  // Links may leave the site (that is what they are for); nothing else may load from outside.
  if (attribute === 'href') return scheme === undefined || scheme === 'https' || scheme === 'mailto' ? undefined : `a ${scheme}: link`;
  if (scheme !== undefined || /^[\s\\/]*[\\/]/.test(value)) return 'an external or root-relative URL';
  return undefined;
}

/** Anything in CSS that fetches from outside the bundle or executes. Escapes and comments removed first. */
function findCssProblem(css: string): string | undefined {
  const text = decodeCssEscapes(css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' '));
  const active = /@import|expression\s*\(|-moz-binding|(?<![\w-])(?:-ms-)?behavior\s*:|javascript\s*:|vbscript\s*:/i.exec(text);
  if (active) return `"${active[0]}"`;
  for (const match of text.matchAll(/url\s*\(\s*["']?([^"')]*)/gi)) {
    const url = match[1]!.trim();
    const scheme = effectiveScheme(url);
    if (scheme === 'data' ? !/^data:(?:image|font)\//i.test(url) : scheme !== undefined || /^[\\/]/.test(url)) {
      return `url(${url.slice(0, 60)})`;
    }
  }
  return undefined;
}
