import { defaultTreeAdapter as tree, parseFragment, serialize, type DefaultTreeAdapterTypes } from 'parse5';
import type { Bundle } from '../../../shared/bundle.ts';
import { forEachElement, getAttribute, type Element } from '../../sanitize/html-tree.ts';
import { bundleOf, planSite } from './compose-site.ts';
import { copyFor } from './copy/copy-for.ts';
import { escapeHtml as e } from './html.ts';
import { extractFacts } from './extract-facts.ts';
import { classOf, findFirst, readPage, sectionsOf, textOf } from './read-page.ts';
import { bodyClasses, buildSection, navHtml, renderContext, sectionHtml } from './render/render-page.ts';
import { customSection } from './render/sections-story.ts';
import { renderStyles } from './render/render-styles.ts';
import { readRevisionRequest, type RevisionRequest } from './revision-request.ts';
import { sectionOrder, type Facts, type SectionId, type SitePlan } from './site-plan.ts';

type Document = DefaultTreeAdapterTypes.Document;

/**
 * A revision by reply: the previous version changed as the request says, everything else kept as
 * it was. A page the composer made is edited in place (sections added, replaced or removed, prices
 * taken off, the look and the name changed), so what the request does not touch stays exactly as
 * the user saw it. A page made by someone else is composed again from its own text first.
 */
export function reviseSite(previous: Bundle, prompt: string): Bundle {
  const page = readPage(previous);
  const request = readRevisionRequest(prompt);
  if (!page.plan) return reviseForeign(previous, page.text, prompt, request);

  const before = page.plan;
  const plan: SitePlan = structuredClone(before);
  const { common } = copyFor(plan);
  const changes: string[] = [];
  const document = page.document;

  if (request.rename && request.rename !== plan.name) {
    plan.name = request.rename;
    replaceText(document, before.name, plan.name);
    changes.push(common.revision.renamed(plan.name));
  }
  const theme = { mode: request.mode ?? plan.theme.mode, hue: request.hue ?? plan.theme.hue };
  if (theme.mode !== plan.theme.mode) changes.push(common.revision[theme.mode]);
  if (theme.hue !== plan.theme.hue) changes.push(common.revision.colour);
  plan.theme = theme;

  if (request.removePrices && plan.showPrices) {
    plan.showPrices = false;
    removeWhere(document, (el) => classOf(el).includes('tier-price') || classOf(el).includes('price'));
    changes.push(common.revision.pricesRemoved);
  }

  const { replace, updated } = mergeFacts(plan, extractFacts(prompt, plan.lang, plan.kind, plan.flavour).facts);
  if (updated.contact) changes.push(common.revision.contactUpdated);
  if (updated.hours) changes.push(common.revision.hoursUpdated);

  const present = new Set(sectionsOf(document));
  const removed = request.remove.filter((id) => present.has(id));
  for (const id of removed) removeWhere(document, (el) => el.tagName === 'section' && getAttribute(el, 'id') === id);
  const added = [...request.add, ...replace].filter((id) => !present.has(id) && !removed.includes(id));
  plan.sections = sectionOrder.filter((id) => (present.has(id) && !removed.includes(id)) || added.includes(id));

  const ctx = renderContext(plan);
  for (const id of new Set([...replace.filter((id) => present.has(id)), ...added])) {
    placeSection(document, id, sectionHtml(id, buildSection(ctx, id)));
  }
  let customCount = sectionsOf(document).filter((id) => id.startsWith('more-')).length;
  for (const topic of request.customTopics) {
    placeSection(document, `more-${++customCount}`, sectionHtml(`more-${customCount}`, customSection(ctx, topic)));
  }
  const addedNames = [
    ...added.filter((id) => request.add.includes(id)).map((id) => common.navNames[id]),
    ...request.customTopics,
  ];
  if (addedNames.length) changes.push(common.revision.added(addedNames));
  if (removed.length) changes.push(common.revision.removed(removed.map((id) => common.navNames[id])));

  finishPage(document, plan, ctx);
  return {
    title: plan.name,
    summary: changes.length ? changes.join(' ') : common.revision.nothing,
    files: [
      { path: 'index.html', content: serialize(document) },
      { path: 'styles.css', content: renderStyles(plan.theme) },
    ],
  };
}

/** Someone else's page: compose one from its title and text, then apply the request to that. */
function reviseForeign(previous: Bundle, text: string, prompt: string, request: RevisionRequest): Bundle {
  const plan = planSite(`${previous.title}\n${text}`);
  plan.name = request.rename ?? previous.title;
  plan.theme = { mode: request.mode ?? plan.theme.mode, hue: request.hue ?? plan.theme.hue };
  if (request.removePrices) plan.showPrices = false;
  const { replace } = mergeFacts(plan, extractFacts(prompt, plan.lang, plan.kind, plan.flavour).facts);
  const wanted = new Set([...plan.sections, ...request.add, ...replace]);
  plan.sections = sectionOrder.filter((id) => wanted.has(id) && !request.remove.includes(id));
  return bundleOf(plan);
}

/**
 * Facts the request gives win over the page's: new contact details, hours, prices or a schedule.
 * Returns the sections that show them (to render again, or add) and what changed.
 */
function mergeFacts(
  plan: SitePlan,
  given: Facts,
): { replace: SectionId[]; updated: { contact: boolean; hours: boolean } } {
  const facts = plan.facts;
  const replace = new Set<SectionId>();
  const contact = given.emails.length > 0 || given.phones.length > 0 || given.address !== undefined;
  if (given.emails.length) facts.emails = given.emails;
  if (given.phones.length) facts.phones = given.phones;
  if (given.address) {
    facts.address = given.address;
    facts.city = given.city ?? facts.city;
    if (plan.sections.includes('location')) replace.add('location');
  }
  if (contact) replace.add(plan.kind === 'event' ? 'rsvp' : 'contact');
  if (given.hours.length) {
    facts.hours = given.hours;
    replace.add('hours');
  }
  if (given.items.length) {
    facts.items = given.items;
    replace.add(plan.kind === 'restaurant' ? 'menu' : 'pricing');
  }
  if (given.schedule.length) {
    facts.schedule = given.schedule;
    replace.add('schedule');
  }
  return { replace: [...replace], updated: { contact, hours: given.hours.length > 0 } };
}

/** Puts a section where it belongs (page order; new custom sections before the closing ones), replacing one with its id. */
function placeSection(document: Document, id: string, html: string): void {
  const main = findFirst(document, (el) => el.tagName === 'main');
  if (!main) return;
  const nodes = parseFragment(main, html, {}).childNodes;
  const existing = findFirst(main, (el) => el.tagName === 'section' && getAttribute(el, 'id') === id);
  const rank = (sectionId: string) => {
    const index = (sectionOrder as readonly string[]).indexOf(sectionId);
    return index >= 0 ? index : sectionOrder.indexOf('rsvp') - 0.5;
  };
  const next =
    existing ??
    main.childNodes.find(
      (node): node is Element =>
        'tagName' in node &&
        node.tagName === 'section' &&
        getAttribute(node, 'id') !== 'top' &&
        rank(getAttribute(node, 'id') ?? '') > rank(id),
    );
  for (const node of nodes) {
    if (next) tree.insertBefore(main, node, next);
    else tree.appendChild(main, node);
  }
  if (existing) tree.detachNode(existing);
}

/** The parts every change touches: head, body classes, navigation, footer. */
function finishPage(document: Document, plan: SitePlan, ctx: ReturnType<typeof renderContext>): void {
  const head = findFirst(document, (el) => el.tagName === 'head');
  if (head) {
    const description = ctx.copy.lead(plan);
    head.childNodes = [];
    for (const node of parseFragment(
      head,
      `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="${e(description)}"><title>${e(plan.name)}</title><link rel="stylesheet" href="styles.css">`,
      {},
    ).childNodes)
      tree.appendChild(head, node);
  }
  const body = findFirst(document, (el) => el.tagName === 'body');
  const classAttr = body?.attrs.find((attr) => attr.name === 'class');
  if (classAttr) classAttr.value = bodyClasses(plan);

  const nav = findFirst(document, (el) => el.tagName === 'nav');
  if (nav?.parentNode) {
    const sections = sectionsOf(document).map((id) => ({
      id,
      name: (sectionOrder as readonly string[]).includes(id)
        ? ctx.common.navNames[id as SectionId]
        : textOf(findFirst(document, (el) => getAttribute(el, 'id') === `${id}-title`)),
    }));
    for (const node of parseFragment(nav.parentNode, navHtml(ctx, sections), {}).childNodes)
      tree.insertBefore(nav.parentNode, node, nav);
    tree.detachNode(nav);
  }
}

function removeWhere(document: Document, test: (element: Element) => boolean): void {
  const doomed: Element[] = [];
  forEachElement(document, (el) => void (test(el) && doomed.push(el)));
  for (const el of doomed) tree.detachNode(el);
}

/** Renames everywhere the old name is written: title, brand, headline, copy, footer, labels. */
function replaceText(document: Document, from: string, to: string): void {
  if (!from) return;
  forEachElement(document, (el) => {
    for (const attr of el.attrs) if (attr.name === 'aria-label') attr.value = attr.value.replaceAll(from, to);
    for (const child of el.childNodes) {
      if (child.nodeName === '#text') {
        const text = child as DefaultTreeAdapterTypes.TextNode;
        text.value = text.value.replaceAll(from, to);
      }
    }
  });
}
