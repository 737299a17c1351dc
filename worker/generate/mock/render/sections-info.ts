import { escapeHtml as e, joinHtml } from '../html.ts';
import { capitalise } from '../text-pieces.ts';
import type { RenderContext, SectionContent } from './render-context.ts';

/** Sections that answer "when, where, how": schedule, hours, location, RSVP, questions, contact. */

export function scheduleSection(ctx: RenderContext): SectionContent {
  const { schedule } = ctx.copy;
  const items = ctx.plan.facts.schedule.length ? ctx.plan.facts.schedule : schedule.items;
  return {
    title: schedule.title,
    body: joinHtml([
      '<ol class="schedule">',
      ...items.map(
        (item) =>
          `<li><span class="time">${e(capitalise(item.time))}</span><span class="what">${e(item.label)}</span></li>`,
      ),
      '</ol>',
    ]),
  };
}

export function hoursSection(ctx: RenderContext): SectionContent {
  const words = ctx.common.hours;
  const rows = ctx.plan.facts.hours.length ? ctx.plan.facts.hours : ctx.copy.hours;
  return {
    title: ctx.common.sectionTitles.hours,
    body: joinHtml([
      '<table class="hours">',
      `<thead><tr><th scope="col">${e(words.days)}</th><th scope="col">${e(words.time)}</th></tr></thead>`,
      `<tbody>${rows.map((row) => `<tr><th scope="row">${e(row.days || words.everyDay)}</th><td>${e(row.time)}</td></tr>`).join('')}</tbody>`,
      '</table>',
      `<p class="note">${e(words.note)}</p>`,
    ]),
  };
}

export function locationSection(ctx: RenderContext): SectionContent {
  const { facts } = ctx.plan;
  const words = ctx.common.location;
  const place = [facts.venue, facts.address ?? facts.city].filter(Boolean).join(', ');
  const mapLink = place
    ? `<p><a href="https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}">${e(words.openMap)}</a></p>`
    : '';
  return {
    title: ctx.common.sectionTitles.location,
    body: joinHtml([
      '<div class="split">',
      `<div class="map" role="img" aria-label="${e(words.mapLabel(place || ctx.plan.name))}"><span class="pin" aria-hidden="true">📍</span></div>`,
      '<div>',
      `<p class="section-intro">${e(words.intro(ctx.plan))}</p>`,
      facts.address && `<address>${e(facts.address)}</address>`,
      mapLink,
      '</div>',
      '</div>',
    ]),
  };
}

export function rsvpSection(ctx: RenderContext): SectionContent {
  const { facts } = ctx.plan;
  const words = ctx.common.rsvp;
  const email = facts.emails[0];
  const action = email
    ? `<a class="button" href="mailto:${encodeURIComponent(email).replace(/%40/g, '@')}?subject=${encodeURIComponent(words.subject(ctx.plan))}">${e(words.button)}</a>`
    : `<p>${e(words.noEmail)}</p>`;
  return {
    title: ctx.common.sectionTitles.rsvp,
    body: joinHtml([
      '<div class="callout">',
      `<p>${e(words.text(ctx.plan))}</p>`,
      action,
      email && `<p class="note"><a href="mailto:${e(email)}">${e(email)}</a></p>`,
      facts.phones[0] && `<p class="note">${e(ctx.common.contact.phone)}: ${e(facts.phones[0])}</p>`,
      '</div>',
    ]),
  };
}

export function faqSection(ctx: RenderContext): SectionContent {
  return {
    title: ctx.common.sectionTitles.faq,
    body: joinHtml([
      '<div class="faq">',
      ...ctx.copy.faq(ctx.plan).map((qa) => `<details><summary>${e(qa.q)}</summary><p>${e(qa.a)}</p></details>`),
      '</div>',
    ]),
  };
}

export function contactSection(ctx: RenderContext): SectionContent {
  const { facts } = ctx.plan;
  const words = ctx.common.contact;
  const rows = [
    ...facts.emails.map((email) => [words.email, `<a href="mailto:${e(email)}">${e(email)}</a>`] as const),
    ...facts.phones.map((phone) => [words.phone, e(phone)] as const),
    ...(facts.address ? [[words.address, `<address>${e(facts.address)}</address>`] as const] : []),
  ];
  const details = rows.length
    ? `<dl class="contact-list">${rows.map(([label, value]) => `<div><dt>${e(label)}</dt><dd>${value}</dd></div>`).join('')}</dl>`
    : `<p>${e(words.ask(ctx.plan))}</p>`;
  return {
    title: ctx.common.sectionTitles.contact,
    body: joinHtml([
      '<div class="callout">',
      `<p class="section-intro">${e(words.intro(ctx.plan))}</p>`,
      details,
      '</div>',
    ]),
  };
}
