import type { Tier } from '../copy/words.ts';
import { escapeHtml as e, joinHtml } from '../html.ts';
import type { PricedItem } from '../site-plan.ts';
import { money, type RenderContext, type SectionContent } from './render-context.ts';

/** Sections that sell: the menu, plans and their comparison, a special offer. */

export function menuSection(ctx: RenderContext): SectionContent {
  const { menu } = ctx.copy;
  const given = ctx.plan.facts.items;
  const groups = given.length
    ? [{ title: '', items: given.map((item) => ({ name: item.name, price: item.price, note: undefined })) }]
    : menu.groups.map((group) => ({
        title: group.title,
        items: group.items.map((item) => ({ name: item.name, price: money(ctx, item.price), note: item.note })),
      }));
  const body = groups
    .map((group) =>
      joinHtml([
        '<div class="menu-group">',
        group.title && `<h3>${e(group.title)}</h3>`,
        '<ul class="menu-list">',
        ...group.items.map((item) =>
          joinHtml(
            [
              '<li class="menu-item">',
              `<span class="item-name">${e(item.name)}</span>`,
              ctx.plan.showPrices && item.price && `<span class="price">${e(item.price)}</span>`,
              item.note && `<span class="item-note">${e(item.note)}</span>`,
              '</li>',
            ],
            '',
          ),
        ),
        '</ul>',
        '</div>',
      ]),
    )
    .join('\n');
  return { title: menu.title, body: `<div class="menu">\n${body}\n</div>` };
}

/** The plans to show: the prompt's (with the copy's features), else the copy's own. */
function tiersOf(ctx: RenderContext): { name: string; price: string; tier: Tier }[] {
  const defaults = ctx.copy.pricing.tiers;
  const { items, tierNames } = ctx.plan.facts;
  // Plans the prompt names, with the prices it gives them ("Pro $29"); "Enterprise, on request" has none.
  const named = tierNames.map(
    (name) => items.find((item) => new RegExp(`(?:^|\\s)${escapeRegExp(name)}(?:\\s|$)`).test(item.name)) ?? { name },
  );
  const given: PricedItem[] = [...named, ...items.filter((item) => !named.includes(item))];
  if (!given.length) return defaults.map((tier) => ({ name: tier.name, price: money(ctx, tier.price), tier }));
  // Prices the prompt gives are the prices: a plan it names without one is "on request" ("Enterprise, call us").
  const pricedByPrompt = given.some((item) => item.price !== undefined);
  return given.slice(0, 4).map((item, index) => {
    const tier = defaults[Math.min(index, defaults.length - 1)]!;
    const price = item.price ?? (pricedByPrompt ? ctx.common.pricing.onRequest : money(ctx, tier.price));
    return { name: item.name, price, tier };
  });
}

/** A price that already says what it is per: "$29/month", "월 9,900원", "£10 a year". */
const PER_PERIOD = /\/|\bper\b|\ba (?:year|month|week)\b|^(?:월|연)\s|\s\/\s/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function pricingSection(ctx: RenderContext): SectionContent {
  const tiers = tiersOf(ctx);
  const featured = tiers.length >= 3 ? 1 : -1;
  const cards = tiers.map(({ name, price, tier }, index) =>
    joinHtml([
      `<li class="tier${index === featured ? ' tier-featured' : ''}">`,
      index === featured && `<p class="badge">${e(ctx.common.pricing.popular)}</p>`,
      `<h3>${e(name)}</h3>`,
      ctx.plan.showPrices &&
        `<p class="tier-price"><span class="price">${e(price)}</span>${tier.per && !PER_PERIOD.test(price) ? ` <span class="per">${e(tier.per)}</span>` : ''}</p>`,
      `<p class="tier-blurb">${e(tier.blurb)}</p>`,
      `<ul class="ticks">${tier.features.map((f) => `<li>${e(f)}</li>`).join('')}</ul>`,
      `<a class="button${index === featured ? '' : ' button-quiet'}" href="#contact">${e(ctx.common.pricing.choose)}</a>`,
      '</li>',
    ]),
  );
  return {
    title: ctx.copy.pricing.title,
    body: joinHtml([
      `<p class="section-intro">${e(ctx.copy.pricing.intro)}</p>`,
      '<ul class="tiers">',
      ...cards,
      '</ul>',
    ]),
  };
}

export function comparisonSection(ctx: RenderContext): SectionContent {
  const tiers = tiersOf(ctx);
  const { comparison } = ctx.copy;
  const words = ctx.common.comparison;
  const mark = (included: boolean) =>
    included
      ? `<span class="yes" aria-hidden="true">✓</span><span class="visually-hidden">${e(words.included)}</span>`
      : `<span class="no" aria-hidden="true">–</span><span class="visually-hidden">${e(words.notIncluded)}</span>`;
  // The copy's rows are written for its own number of plans: spread them over the plans shown.
  const column = (row: boolean[], index: number) =>
    row[tiers.length === 1 ? 0 : Math.round((index * (row.length - 1)) / (tiers.length - 1))] ?? false;
  const rows = comparison.rows.map(
    (row) =>
      `<tr><th scope="row">${e(row.feature)}</th>${tiers.map((_, i) => `<td>${mark(column(row.included, i))}</td>`).join('')}</tr>`,
  );
  return {
    title: comparison.title,
    body: joinHtml([
      '<table class="compare">',
      `<thead><tr><th scope="col">${e(words.feature)}</th>${tiers.map((t) => `<th scope="col">${e(t.name)}</th>`).join('')}</tr></thead>`,
      `<tbody>${rows.join('')}</tbody>`,
      '</table>',
    ]),
  };
}

export function offerSection(ctx: RenderContext): SectionContent {
  const offer = ctx.copy.offer(ctx.plan);
  return {
    title: offer.title,
    body: joinHtml([
      '<div class="callout">',
      `<p>${e(offer.text)}</p>`,
      `<a class="button" href="#contact">${e(ctx.common.actions.contact)}</a>`,
      '</div>',
    ]),
  };
}
