import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { Bundle } from '../../../shared/bundle.ts';
import { forEachElement, getAttribute, type Element } from '../../sanitize/html-tree.ts';
import { extractContacts } from './extract-contacts.ts';
import { extractDeadline } from './extract-times.ts';
import { sectionOrder, siteKinds, emptyFacts, type SectionId, type SitePlan } from './site-plan.ts';

/**
 * A page the composer made, read back for a revision: its parse5 tree, and the plan it was made
 * from as far as the page shows it — language, kind, look (the classes on `<body>`), name,
 * sections, and the facts on display (contacts, hours, the event's date and place). Pages someone
 * else made (a real model's) have no such classes: `plan` is undefined for them.
 */
export interface PreviousPage {
  document: DefaultTreeAdapterTypes.Document;
  plan?: SitePlan;
  /** Visible text, one block per line: what a fresh plan reads when the page is not the composer's. */
  text: string;
}

export function readPage(previous: Bundle): PreviousPage {
  const html = previous.files.find((file) => file.path === 'index.html')?.content ?? '';
  const document = parse(html);
  const text = visibleText(document);
  const body = findFirst(document, (el) => el.tagName === 'body');
  const classes = (body && getAttribute(body, 'class'))?.split(/\s+/) ?? [];
  const token = (prefix: string) => classes.find((c) => c.startsWith(prefix))?.slice(prefix.length);
  const kind = siteKinds.find((k) => k === token('kind-'));
  const htmlElement = findFirst(document, (el) => el.tagName === 'html');
  const lang = htmlElement && getAttribute(htmlElement, 'lang') === 'ko' ? 'ko' : 'en';
  if (!kind) return { document, text };

  const sections = sectionsOf(document).filter((id): id is SectionId =>
    (sectionOrder as readonly string[]).includes(id),
  );
  const facts = emptyFacts();
  const contacts = extractContacts(text);
  facts.emails = mailtoAddresses(document);
  facts.phones = contacts.phones;
  facts.address = textOf(findFirst(document, (el) => el.tagName === 'address'));
  facts.city = textOf(findFirst(document, (el) => classOf(el).includes('site-footer')))
    .split('·')[1]
    ?.trim();
  facts.deadline = extractDeadline(text);
  const [date, startTime] = definition(document, 0).split(' · ');
  if (date) facts.dates = [date];
  if (startTime) facts.startTime = startTime;
  const where = definition(document, 1);
  if (where && where !== facts.address && where !== facts.city) facts.venue = where;
  facts.hours = hoursRows(document);
  const name = previous.title;
  if (kind === 'event' && name.includes(' & ')) facts.people = name.split(' & ');
  const theme = {
    mode: token('theme-') === 'dark' ? ('dark' as const) : ('light' as const),
    hue: Number(token('hue-') ?? 200) % 360,
  };
  return {
    document,
    text,
    plan: {
      lang,
      kind,
      flavour: token('flavour-') ?? 'general',
      name,
      theme,
      sections,
      facts,
      currency: currencyOnPage(text, lang),
      showPrices: !classes.includes('no-prices'),
      seed: 0,
    },
  };
}

/** Every `<section>` id in `<main>`, in order (the hero is `top`). */
export function sectionsOf(document: DefaultTreeAdapterTypes.Document): string[] {
  const ids: string[] = [];
  forEachElement(document, (el) => {
    if (el.tagName === 'section' && classOf(el).includes('section')) ids.push(getAttribute(el, 'id') ?? '');
  });
  return ids.filter(Boolean);
}

export function findFirst(
  root: DefaultTreeAdapterTypes.ParentNode,
  test: (element: Element) => boolean,
): Element | undefined {
  let found: Element | undefined;
  forEachElement(root, (el) => {
    if (!found && test(el)) found = el;
  });
  return found;
}

export function classOf(element: Element): string[] {
  return (getAttribute(element, 'class') ?? '').split(/\s+/);
}

/** The text inside an element, spaces collapsed. */
export function textOf(element: DefaultTreeAdapterTypes.Node | undefined): string {
  if (!element) return '';
  if (element.nodeName === '#text') return (element as DefaultTreeAdapterTypes.TextNode).value;
  const children = 'childNodes' in element ? element.childNodes : [];
  return children
    .map((child) => textOf(child))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
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
  'title',
]);

function visibleText(document: DefaultTreeAdapterTypes.Document): string {
  const lines: string[] = [];
  forEachElement(document, (el) => {
    if (BLOCKS.has(el.tagName) && !el.childNodes.some((child) => 'tagName' in child && BLOCKS.has(child.tagName)))
      lines.push(textOf(el));
  });
  return lines.filter(Boolean).join('\n');
}

function mailtoAddresses(document: DefaultTreeAdapterTypes.Document): string[] {
  const emails = new Set<string>();
  forEachElement(document, (el) => {
    const href = el.tagName === 'a' ? getAttribute(el, 'href') : undefined;
    if (href?.startsWith('mailto:')) emails.add(decodeURIComponent(href.slice(7).split('?')[0]!));
  });
  return [...emails];
}

/** The `n`th `<dd>` of the hero's "when / where" list. */
function definition(document: DefaultTreeAdapterTypes.Document, n: number): string {
  const list = findFirst(document, (el) => classOf(el).includes('event-facts'));
  const values: string[] = [];
  if (list) forEachElement(list, (el) => void (el.tagName === 'dd' && values.push(textOf(el))));
  return values[n] ?? '';
}

function hoursRows(document: DefaultTreeAdapterTypes.Document): SitePlan['facts']['hours'] {
  const table = findFirst(document, (el) => el.tagName === 'table' && classOf(el).includes('hours'));
  const rows: SitePlan['facts']['hours'] = [];
  if (!table) return rows;
  forEachElement(table, (row) => {
    if (row.tagName !== 'tr') return;
    const th = findFirst(row, (el) => el.tagName === 'th' && getAttribute(el, 'scope') === 'row');
    const td = findFirst(row, (el) => el.tagName === 'td');
    if (th && td) rows.push({ days: textOf(th), time: textOf(td) });
  });
  return rows;
}

function currencyOnPage(text: string, lang: 'en' | 'ko'): string {
  if (lang === 'ko') return '원';
  return /€\d/.test(text) ? '€' : /£\d/.test(text) ? '£' : '$';
}
