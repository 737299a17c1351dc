import { html as spec, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { UnsafeBundleError } from '../../shared/errors.ts';
import { decodeCssEscapes } from './css-blocks.ts';
import { sanitizeStyleAttribute, sanitizeStylesheet } from './sanitize-css.ts';
import type { SizeBudget } from './size-budget.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/**
 * A bundle's `.svg` file → a static drawing, or UnsafeBundleError when there is no drawing in it.
 * SVG is a document format with script, event handlers, links, embedded HTML (`foreignObject`) and
 * external references (`image`, `use`, `feImage`, animation that rewrites `href`), so only shapes,
 * text, gradients, clips, masks and patterns survive, with geometry and paint attributes, `href`
 * only to `#fragments` in this same file, and no `url()` but `url(#fragment)`.
 *
 * The input is parsed like a browser parses HTML (parse5), and the output is serialized here as
 * strict, fully escaped XML from the checked tree only — so what an XML parser reads back (the
 * browser, for an image) is exactly the tree we checked, whatever the input's quirks.
 */
export function sanitizeSvg(text: string, path: string, budget?: SizeBudget): string {
  assertFewElements(text, path);
  const root = parseFragment(text).childNodes.find(
    (node): node is Element => isElement(node) && node.tagName === 'svg' && node.namespaceURI === spec.NS.SVG,
  );
  if (!root) throw new UnsafeBundleError(`${path} holds no <svg> drawing`);
  const out: string[] = [];
  // Escaping can make the drawing several times longer than its text: charged as it is written.
  const emit = (piece: string) => {
    budget?.spend(piece.length, path);
    out.push(piece);
  };
  let usesXlink = false;
  const write = (element: Element, depth: number) => {
    if (depth > MAX_DEPTH) throw new UnsafeBundleError(`${path} nests its elements deeper than ${MAX_DEPTH} levels`);
    const attributes = cleanAttributes(element);
    if (attributes.some(([name]) => name.startsWith('xlink:'))) usesXlink = true;
    emit(`<${element.tagName}${attributes.map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('')}>`);
    if (element.tagName === 'style') {
      // An SVG stylesheet needs no images or fonts: declarations naming a file go, and if a data:
      // URL is left the whole sheet goes.
      const css = sanitizeStylesheet(element.childNodes.map(textOf).join(''), { resolveUrl: () => undefined });
      if (onlyFragmentUrls(css)) emit(escapeXml(css));
    } else {
      for (const child of element.childNodes) {
        if (child.nodeName === '#text') emit(escapeXml(textOf(child)));
        else if (isElement(child) && child.namespaceURI === spec.NS.SVG && ALLOWED_ELEMENTS.has(child.tagName))
          write(child, depth + 1);
        // Anything else — script, foreignObject, image, a, animation, filters, HTML, comments — goes with its content.
      }
    }
    emit(`</${element.tagName}>`);
  };
  write(root, 0);
  const namespaces = ` xmlns="http://www.w3.org/2000/svg"${usesXlink ? ' xmlns:xlink="http://www.w3.org/1999/xlink"' : ''}`;
  return out.join('').replace(/^<svg/, `<svg${namespaces}`);
}

const MAX_DEPTH = 64;

/**
 * The drawing is parsed into a tree, which takes a few hundred bytes per element: a 2 MiB file of
 * tiny tags would be a tree of hundreds of MB. No drawing a page needs has more elements than this;
 * counting `<` bounds the elements from above before anything is parsed.
 */
const MAX_ELEMENTS = 20_000;

function assertFewElements(text: string, path: string): void {
  let tags = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    if (++tags > MAX_ELEMENTS)
      throw new UnsafeBundleError(`${path} has more than ${MAX_ELEMENTS} elements`, { reason: 'tooBig' });
  }
}

const ALLOWED_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'symbol',
  'use',
  'style',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
  'marker',
]);

/** Geometry, paint and text attributes, as parse5 spells them (SVG's camelCase restored). */
const ALLOWED_ATTRIBUTES = new Set([
  'id',
  'class',
  'style',
  'viewBox',
  'preserveAspectRatio',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'd',
  'points',
  'pathLength',
  'transform',
  'offset',
  'dx',
  'dy',
  'rotate',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-miterlimit',
  'opacity',
  'color',
  'display',
  'visibility',
  'stop-color',
  'stop-opacity',
  'clip-path',
  'clip-rule',
  'mask',
  'marker-start',
  'marker-mid',
  'marker-end',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'word-spacing',
  'text-decoration',
  'lengthAdjust',
  'textLength',
  'version',
  'role',
  'aria-label',
  'aria-hidden',
]);

/** Kept attributes as [qualified name, value]. */
function cleanAttributes(element: Element): [string, string][] {
  const kept: [string, string][] = [];
  for (const attribute of element.attrs) {
    if (attribute.namespace === spec.NS.XLINK && attribute.name === 'href') {
      if (isFragmentRef(attribute.value)) kept.push(['xlink:href', attribute.value.trim()]);
      continue;
    }
    // Namespace declarations are written by us; any other prefixed attribute is dropped.
    if (attribute.namespace || attribute.prefix) continue;
    if (attribute.name === 'href') {
      if (element.tagName === 'use' && isFragmentRef(attribute.value)) kept.push(['href', attribute.value.trim()]);
      continue;
    }
    if (!ALLOWED_ATTRIBUTES.has(attribute.name)) continue;
    const value = attribute.name === 'style' ? sanitizeStyleAttribute(attribute.value) : attribute.value;
    if (value && onlyFragmentUrls(value)) kept.push([attribute.name, value]);
  }
  return kept;
}

/** `#name`: a reference inside this same file. */
function isFragmentRef(value: string): boolean {
  return /^#[A-Za-z_][\w.-]*$/.test(value.trim());
}

/** Paint and clip values may point at a gradient or clip in this file (`url(#g)`), never outside it. */
export function onlyFragmentUrls(value: string): boolean {
  const decoded = decodeCssEscapes(value);
  if (/(?:image-set|image|src|element|cross-fade|expression)\s*\(|javascript:|@import/i.test(decoded)) return false;
  return [...decoded.matchAll(/url\s*\(\s*(["']?)([^"')]*)\1\s*\)|url\s*\(/gi)].every(
    (match) => match[2] !== undefined && isFragmentRef(match[2]),
  );
}

/** Escapes markup characters and drops the control characters XML does not allow at all. */
function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these controls are not allowed in XML at all
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!)
  );
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function textOf(node: Node): string {
  return node.nodeName === '#text' ? (node as DefaultTreeAdapterTypes.TextNode).value : '';
}
