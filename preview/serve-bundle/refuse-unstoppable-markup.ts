import { parse, type DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/**
 * The few things in a page that make a browser reach another host although our CSP forbids the
 * load, found by testing real Chromium (tests/preview/corpus-behind-headers.test.ts) and by the
 * specs: a frame's origin is pre-connected (DNS, TCP, TLS with the host name) before frame-src
 * blocks it; resource hints (`dns-prefetch`, `preconnect`, …) are not governed by CSP; a meta
 * refresh is a navigation, which CSP does not govern either. The sanitizer never publishes any of
 * them, so a page that has one did not come from the worker: it is refused, not served.
 * Everything else a hostile page may hold is the CSP's job.
 */
const FRAME_ELEMENTS = new Set(['iframe', 'frame', 'object', 'embed', 'portal', 'fencedframe']);
const RESOURCE_HINTS = new Set([
  'dns-prefetch',
  'preconnect',
  'prefetch',
  'prerender',
  'preload',
  'modulepreload',
  'next',
]);

/**
 * The first element a browser would fetch or navigate with despite the CSP, described; else undefined.
 * The page is parsed as the sandboxed page is rendered: with scripting off (CSP `sandbox` without
 * `allow-scripts`), so `<noscript>` content is markup, not text — Chromium builds and loads what
 * is inside it, frames and hints included.
 */
export function findUnstoppableMarkup(html: string): string | undefined {
  // Iterative, and into <template> contents: a hostile page nested deep cannot overflow the stack.
  const pending: Node[] = [parse(html, { scriptingEnabled: false })];
  while (pending.length) {
    const node = pending.pop()!;
    if ('tagName' in node) {
      const problem = problemOf(node);
      if (problem) return problem;
    }
    const children =
      'tagName' in node && node.tagName === 'template'
        ? (node as DefaultTreeAdapterTypes.Template).content.childNodes
        : 'childNodes' in node
          ? node.childNodes
          : [];
    for (const child of children) pending.push(child);
  }
  return undefined;
}

function problemOf(element: Element): string | undefined {
  const tag = element.tagName;
  if (FRAME_ELEMENTS.has(tag)) return `a <${tag}>`;
  const attribute = (name: string) => element.attrs.find((attr) => attr.name === name)?.value ?? '';
  if (tag === 'link') {
    const hint = attribute('rel')
      .toLowerCase()
      .split(/\s+/)
      .find((rel) => RESOURCE_HINTS.has(rel));
    if (hint) return `a <link rel="${hint}">`;
  }
  if (tag === 'meta' && attribute('http-equiv').trim().toLowerCase() === 'refresh')
    return 'a <meta http-equiv="refresh">';
  return undefined;
}
