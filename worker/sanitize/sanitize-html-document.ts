import {
  ALLOWED_TAGS,
  DROPPED_WITH_CONTENT,
  HEAD_CONTENT,
  VOID_TAGS,
  escapeText,
  keptAttributes,
  type AttributeOptions,
} from './html-allowlist.ts';
import { readHtml, type HtmlEvents } from './read-html.ts';
import { sanitizeStylesheet } from './sanitize-css.ts';
import { SizeBudget } from './size-budget.ts';

export interface HtmlDocumentOptions extends AttributeOptions {
  /**
   * The cleaned CSS of the bundle stylesheet a `<link rel="stylesheet" href>` names, with its bundle
   * path (a sheet linked twice is inlined once), or undefined when the bundle has none. Such sheets
   * go into `<head>` as `<style>`: `<link>` itself is never kept.
   */
  linkedStylesheet?: (href: string) => { path: string; css: string } | undefined;
  /**
   * Charged for every character written; the page is refused (BundleTooBigError) once it runs out.
   * Default: a budget of its own, 2 MiB.
   */
  budget?: SizeBudget;
}

/**
 * A whole HTML document → the same document with only static, self-contained content left, in
 * one streaming pass: htmlparser2's tokenizer reads the input (read-html.ts), and the output is
 * written tag by tag from what the allowlist (html-allowlist.ts) keeps — names from the list,
 * attribute values and text escaped, `<style>` and `style=""` rebuilt by sanitize-css.ts — so
 * whatever the input's quirks, the browser parses exactly what was written here. The output is
 * always a full document: a doctype, `<html>`, `<head>` starting with `<meta charset="utf-8">` and
 * the linked stylesheets, then `<body>`, with head and body content placed as a browser places it.
 * The bundle's sanitizer then reads it again as a browser would (assert-no-active-content.ts).
 */
export function sanitizeHtmlDocument(document: string, options: HtmlDocumentOptions = {}): string {
  const writer = new DocumentWriter(options);
  readHtml(document, writer);
  return writer.finish();
}

/** Where the writer is in the document, as the browser's insertion modes see it. */
const enum Place {
  BeforeHead,
  InHead,
  AfterHead,
  InBody,
}

/** What happened to an element the parser opened, so its end tag is handled to match. */
const enum Kept {
  /** `<html>`, `<head>`, `<body>`: written by the writer itself, once. */
  Structure,
  /** Written with its allowed attributes. */
  Element,
  /** A `<style>`: its text is gathered, cleaned and written at its end tag. */
  Style,
  /** Tag dropped, content kept. */
  Unwrapped,
  /** Dropped with everything inside it. */
  Dropped,
  /** Inside a dropped element: dropped too. */
  InsideDropped,
}

const WHITESPACE_ONLY = /^[\t\n\f\r ]*$/;
const LINK_STYLESHEET = /(?:^|[\t\n\f\r ])stylesheet(?:$|[\t\n\f\r ])/i;

/** Writes the sanitized document as read-html.ts reports tags and text. */
class DocumentWriter implements HtmlEvents {
  readonly #options: HtmlDocumentOptions;
  readonly #budget: SizeBudget;
  /**
   * The document in three parts, so that what is known only at the end goes between them: `<head>`
   * up to its charset, then the linked stylesheets, up to `<body`, then `<body>`'s attributes (the
   * first tag's, and names a later tag adds), then the rest, being written now.
   */
  #headStart = '';
  #headRest = '';
  #text = '';
  #htmlAttributes = '';
  #bodyAttributes = '';
  #stylesheets: Map<string, string> | undefined;
  #place = Place.BeforeHead;
  /** What happened to each element the parser has open, innermost last. */
  readonly #open: Kept[] = [];
  /** How many of the open elements are dropped with their content: while above 0, nothing is written. */
  #dropping = 0;
  #styleText = '';

  constructor(options: HtmlDocumentOptions) {
    this.#options = options;
    this.#budget = options.budget ?? new SizeBudget();
  }

  onopentag(tag: string, attributes: Record<string, string>): void {
    if (this.#dropping > 0) {
      this.#open.push(Kept.InsideDropped);
      return;
    }
    if (DROPPED_WITH_CONTENT.has(tag)) {
      this.#dropping++;
      this.#open.push(Kept.Dropped);
      return;
    }
    if (tag === 'html' || tag === 'head' || tag === 'body') {
      this.#structure(tag, attributes);
      this.#open.push(Kept.Structure);
      return;
    }
    if (tag === 'link') this.#link(attributes);
    if (!HEAD_CONTENT.has(tag)) this.#enterBody();
    else if (this.#place === Place.BeforeHead) this.#openHead('');
    const attributeText = ALLOWED_TAGS.has(tag) ? keptAttributes(tag, attributes, this.#options) : undefined;
    if (attributeText === undefined) {
      this.#open.push(Kept.Unwrapped);
    } else if (tag === 'style') {
      // Its own attributes (media, nonce, …) are not kept: only the cleaned CSS is.
      this.#styleText = '';
      this.#open.push(Kept.Style);
    } else {
      this.#write(`<${tag}${attributeText}>`);
      this.#open.push(Kept.Element);
    }
  }

  ontext(text: string): void {
    if (this.#dropping > 0) return;
    const inner = this.#open.at(-1);
    if (inner === Kept.Style) {
      this.#styleText += text;
      return;
    }
    if (this.#place !== Place.InBody && (inner === undefined || inner === Kept.Structure)) {
      if (!WHITESPACE_ONLY.test(text)) this.#enterBody();
      // Before <head> the browser ignores whitespace; in and after it, whitespace stays where it is.
      else if (this.#place === Place.BeforeHead) return;
    }
    // The browser ignores NUL in text.
    this.#write(escapeText(text.includes('\0') ? text.replace(/\0/g, '') : text));
  }

  onclosetag(tag: string): void {
    switch (this.#open.pop()) {
      case Kept.Dropped:
        this.#dropping--;
        return;
      case Kept.Element:
        if (!VOID_TAGS.has(tag)) this.#write(`</${tag}>`);
        return;
      case Kept.Style: {
        // The browser reads NUL in a stylesheet as U+FFFD.
        const css = sanitizeStylesheet(this.#styleText.replace(/\0/g, '\ufffd'), this.#options);
        this.#styleText = '';
        if (css) this.#write(`<style>${css}</style>`);
        return;
      }
      case Kept.Structure:
        if (tag === 'head' && this.#place === Place.InHead) {
          this.#write('</head>');
          this.#place = Place.AfterHead;
        }
        return;
      default:
        return;
    }
  }

  /** The finished document. */
  finish(): string {
    this.#enterBody();
    this.#write('</body></html>');
    let styles = '';
    for (const css of this.#stylesheets?.values() ?? []) {
      this.#budget.spend(css.length + '<style></style>'.length, 'a linked stylesheet');
      styles += `<style>${css}</style>`;
    }
    const html = `<!DOCTYPE html><html${this.#htmlAttributes}>`;
    return `${html}${this.#headStart}${styles}${this.#headRest}${this.#bodyAttributes}${this.#text}`;
  }

  #write(text: string): void {
    this.#budget.spend(text.length, 'a page');
    this.#text += text;
  }

  /**
   * `<html>`, `<head>`, `<body>`: the first one opens the element; later ones only add attributes
   * it lacks, as in a browser.
   */
  #structure(tag: 'html' | 'head' | 'body', attributes: Record<string, string>): void {
    const attributeText = keptAttributes(tag, attributes, this.#options) ?? '';
    if (tag === 'head') {
      if (this.#place === Place.BeforeHead) this.#openHead(attributeText);
    } else if (tag === 'html') {
      this.#htmlAttributes = this.#merged(this.#htmlAttributes, attributeText);
    } else {
      this.#enterBody();
      this.#bodyAttributes = this.#merged(this.#bodyAttributes, attributeText);
    }
  }

  /** Serialized attributes of a later tag added to the first one's where the name is new, and charged. */
  #merged(first: string, later: string): string {
    if (!later) return first;
    const names = new Set(Array.from(first.matchAll(/ ([^\s=]+)="/g), (match) => match[1]));
    let added = '';
    for (const match of later.matchAll(/ ([^\s=]+)="[^"]*"/g)) if (!names.has(match[1])) added += match[0];
    this.#budget.spend(added.length, 'a page');
    return first + added;
  }

  #openHead(attributeText: string): void {
    this.#write(`<head${attributeText}><meta charset="utf-8">`);
    this.#headStart = this.#text;
    this.#text = '';
    this.#place = Place.InHead;
  }

  /** Closes `<head>` (opening it first if need be) and opens `<body>`, unless that happened already. */
  #enterBody(): void {
    if (this.#place === Place.InBody) return;
    if (this.#place === Place.BeforeHead) this.#openHead('');
    if (this.#place === Place.InHead) this.#write('</head>');
    this.#write('<body');
    this.#headRest = this.#text;
    this.#text = '';
    this.#write('>');
    this.#place = Place.InBody;
  }

  /** A `<link rel="stylesheet" href>` to a bundle stylesheet: inlined in `<head>`, once per sheet. */
  #link(attributes: Record<string, string>): void {
    const { rel, href } = attributes;
    if (!href || !rel || !LINK_STYLESHEET.test(rel) || !this.#options.linkedStylesheet) return;
    const sheet = this.#options.linkedStylesheet(href);
    this.#stylesheets ??= new Map();
    if (sheet?.css && !this.#stylesheets.has(sheet.path)) this.#stylesheets.set(sheet.path, sheet.css);
  }
}
