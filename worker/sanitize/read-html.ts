import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** What the sanitizer is told about a document, in order, with every start matched by an end. */
export interface HtmlEvents {
  /** Names and attribute names lower-cased, values entity-decoded, the first of a repeated attribute kept. */
  onopentag(tag: string, attributes: Record<string, string>): void;
  /** Entity-decoded, except inside `<style>` and the other raw-text elements. */
  ontext(text: string): void;
  onclosetag(tag: string): void;
}

/**
 * Reads one whole document with htmlparser2's tokenizer and reports it as balanced tags and text,
 * as htmlparser2's own Parser would (the same void elements, the same start tags that close an open
 * `<p>`, `<li>`, `<td>` …, a stray `</p>` or `</br>` read as an element, `<image>` as `<img>`,
 * self-closing tags honoured only inside SVG and MathML), and, as Chromium does, never nested
 * deeper than 512 elements. Written here rather than using that
 * Parser: on a model-like page its bookkeeping (slicing across buffered chunks, a stack grown at
 * the front, callbacks the sanitizer does not use) was a third of the sanitizer's first pass.
 */
export function readHtml(html: string, events: HtmlEvents): void {
  const reader = new HtmlReader(html, events);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, reader);
  tokenizer.write(html);
  tokenizer.end();
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM_CONTROLS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);

/** The open elements a start tag closes first, when they are the innermost ones (htmlparser2's table). */
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', P],
  ['h1', HEADINGS],
  ['h2', HEADINGS],
  ['h3', HEADINGS],
  ['h4', HEADINGS],
  ['h5', HEADINGS],
  ['h6', HEADINGS],
  ['select', FORM_CONTROLS],
  ['input', FORM_CONTROLS],
  ['output', FORM_CONTROLS],
  ['button', FORM_CONTROLS],
  ['datalist', FORM_CONTROLS],
  ['textarea', FORM_CONTROLS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['address', P],
  ['article', P],
  ['aside', P],
  ['blockquote', P],
  ['details', P],
  ['div', P],
  ['dl', P],
  ['fieldset', P],
  ['figcaption', P],
  ['figure', P],
  ['footer', P],
  ['form', P],
  ['header', P],
  ['hr', P],
  ['main', P],
  ['nav', P],
  ['ol', P],
  ['pre', P],
  ['section', P],
  ['table', P],
  ['ul', P],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
]);

/**
 * Chromium's parser builds no element deeper than 512: a deeper start tag becomes a sibling of the
 * innermost element. So does this reader, which also keeps the search for an end tag's element (and
 * so a page of 100,000 stray end tags under 100,000 open elements) from taking quadratic time.
 */
const MAX_DEPTH = 512;

const FOREIGN_ROOTS = new Set(['svg', 'math']);
/** Elements inside SVG or MathML whose content is HTML again. */
const HTML_INTEGRATION_POINTS = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);

/** htmlparser2's tokenizer callbacks, turned into HtmlEvents; indices point into the one document. */
class HtmlReader implements TokenizerCallbacks {
  readonly #html: string;
  readonly #events: HtmlEvents;
  /** Open elements, innermost last. */
  readonly #open: string[] = [];
  /** Per SVG/MathML root or integration point open: whether its content is foreign. */
  readonly #foreign: boolean[] = [false];
  /** The start tag being read; undefined while reading one that is ignored (a second `<form>`). */
  #tag: string | undefined = '';
  #attributes: Record<string, string> = {};
  #attributeName = '';
  #attributeValue = '';

  constructor(html: string, events: HtmlEvents) {
    this.#html = html;
    this.#events = events;
  }

  isInForeignContext(): boolean {
    return this.#foreign[this.#foreign.length - 1]!;
  }

  ontext(start: number, end: number): void {
    this.#events.ontext(this.#html.slice(start, end));
  }

  ontextentity(codePoint: number): void {
    this.#events.ontext(String.fromCodePoint(codePoint));
  }

  onopentagname(start: number, end: number): void {
    const tag = this.#name(start, end);
    this.#attributes = {};
    // As in a browser, a <form> inside an open one is ignored altogether.
    if (tag === 'form' && this.#open.includes('form')) {
      this.#tag = undefined;
      return;
    }
    const closes = OPEN_IMPLIES_CLOSE.get(tag);
    if (closes) while (this.#open.length > 0 && closes.has(this.#open[this.#open.length - 1]!)) this.#pop();
    this.#tag = tag;
    if (VOID_ELEMENTS.has(tag)) return;
    if (this.#open.length >= MAX_DEPTH) this.#pop();
    this.#open.push(tag);
    if (FOREIGN_ROOTS.has(tag)) this.#foreign.push(true);
    else if (HTML_INTEGRATION_POINTS.has(tag)) this.#foreign.push(false);
  }

  onattribname(start: number, end: number): void {
    this.#attributeName = this.#html.slice(start, end).toLowerCase();
    this.#attributeValue = '';
  }

  onattribdata(start: number, end: number): void {
    this.#attributeValue += this.#html.slice(start, end);
  }

  onattribentity(codePoint: number): void {
    this.#attributeValue += String.fromCodePoint(codePoint);
  }

  onattribend(): void {
    // As in a browser, the first of two attributes with one name wins. (One named __proto__ is lost:
    // assigning it sets no property, and no such attribute is kept anyway.)
    if (!Object.hasOwn(this.#attributes, this.#attributeName))
      this.#attributes[this.#attributeName] = this.#attributeValue;
    this.#attributeValue = '';
  }

  onopentagend(): void {
    const tag = this.#tag;
    if (tag === undefined) return;
    this.#events.onopentag(tag, this.#attributes);
    if (VOID_ELEMENTS.has(tag)) this.#events.onclosetag(tag);
  }

  onselfclosingtag(): void {
    const tag = this.#tag;
    const foreign = this.isInForeignContext();
    this.onopentagend();
    // In HTML a self-closing slash means nothing; in SVG and MathML it ends the element.
    if (foreign && tag !== undefined && !VOID_ELEMENTS.has(tag) && this.#open[this.#open.length - 1] === tag)
      this.#pop();
  }

  onclosetag(start: number, end: number): void {
    const tag = this.#name(start, end);
    if (VOID_ELEMENTS.has(tag)) {
      // The browser reads `</br>` as `<br>`; other void end tags are ignored.
      if (tag === 'br') this.#stray('br');
      return;
    }
    const at = this.#open.lastIndexOf(tag);
    if (at !== -1) while (this.#open.length > at) this.#pop();
    // The browser reads a `</p>` with no open `<p>` as an empty paragraph.
    else if (tag === 'p') this.#stray('p');
  }

  onend(): void {
    while (this.#open.length > 0) this.#pop();
  }

  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  #name(start: number, end: number): string {
    const name = this.#html.slice(start, end).toLowerCase();
    return name === 'image' && !this.isInForeignContext() ? 'img' : name;
  }

  #pop(): void {
    const tag = this.#open.pop()!;
    if (FOREIGN_ROOTS.has(tag) || HTML_INTEGRATION_POINTS.has(tag)) this.#foreign.pop();
    this.#events.onclosetag(tag);
  }

  /** An element written as an end tag alone: reported as opened and closed at once. */
  #stray(tag: string): void {
    this.#events.onopentag(tag, {});
    this.#events.onclosetag(tag);
  }
}
