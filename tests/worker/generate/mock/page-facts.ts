import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { Bundle } from '../../../../shared/bundle.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** What a visitor gets from a page's index.html, read with a browser-grade parser. */
export interface PageFacts {
  lang: string;
  title: string;
  h1: string;
  description: string;
  /** Visible text of `<body>`, one block per line. */
  text: string;
  /** The ids of `<section>`s in `<main>`, in order. */
  sections: string[];
  /** The classes on `<body>`. */
  bodyClasses: string[];
  /** Every `<h2>`, in order. */
  headings: string[];
}

export function pageFacts(bundle: Bundle): PageFacts {
  const html = bundle.files.find((f) => f.path === 'index.html')!.content;
  const elements: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) elements.push(node);
    if ('childNodes' in node) node.childNodes.forEach(walk);
  };
  walk(parse(html));
  const attr = (el: Element | undefined, name: string) => el?.attrs.find((a) => a.name === name)?.value ?? '';
  const first = (tag: string) => elements.find((el) => el.tagName === tag);
  const body = first('body');
  const lines: string[] = [];
  const collect = (node: Node, line: string[]): void => {
    if (node.nodeName === '#text') line.push((node as DefaultTreeAdapterTypes.TextNode).value);
    else if ('childNodes' in node) {
      const block = 'tagName' in node && BLOCKS.has(node.tagName);
      const own: string[] = block ? [] : line;
      node.childNodes.forEach((child) => collect(child, own));
      if (block) lines.push(own.join(''));
    }
  };
  if (body) collect(body, []);
  return {
    lang: attr(first('html'), 'lang'),
    title: textOf(first('title')),
    h1: textOf(first('h1')),
    description: attr(
      elements.find((el) => el.tagName === 'meta' && attr(el, 'name') === 'description'),
      'content',
    ),
    text: lines
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join('\n'),
    sections: elements.filter((el) => el.tagName === 'section').map((el) => attr(el, 'id')),
    bodyClasses: attr(body, 'class').split(/\s+/),
    headings: elements.filter((el) => el.tagName === 'h2').map(textOf),
  };
}

const BLOCKS = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'dt',
  'dd',
  'th',
  'td',
  'address',
  'summary',
  'figcaption',
  'a',
  'span',
  'div',
  'blockquote',
  'strong',
]);

function textOf(node: Node | undefined): string {
  if (!node) return '';
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('').replace(/\s+/g, ' ').trim() : '';
}

/** Share of Hangul among the letters of `text`. */
export function hangulShare(text: string): number {
  const hangul = text.match(/[\uac00-\ud7af]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return hangul / Math.max(1, hangul + latin);
}
