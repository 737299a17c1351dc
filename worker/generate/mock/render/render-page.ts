import { copyFor } from '../copy/copy-for.ts';
import { escapeHtml as e, joinHtml } from '../html.ts';
import type { SectionId, SitePlan } from '../site-plan.ts';
import { headingId, type RenderContext, type SectionBuilder, type SectionContent } from './render-context.ts';
import { comparisonSection, menuSection, offerSection, pricingSection } from './sections-offer.ts';
import {
  contactSection,
  faqSection,
  hoursSection,
  locationSection,
  rsvpSection,
  scheduleSection,
} from './sections-info.ts';
import {
  aboutSection,
  experienceSection,
  featuresSection,
  gallerySection,
  skillsSection,
  teamSection,
  testimonialsSection,
} from './sections-story.ts';

const BUILDERS: Record<SectionId, SectionBuilder> = {
  about: aboutSection,
  offer: offerSection,
  menu: menuSection,
  gallery: gallerySection,
  features: featuresSection,
  experience: experienceSection,
  skills: skillsSection,
  schedule: scheduleSection,
  team: teamSection,
  pricing: pricingSection,
  comparison: comparisonSection,
  hours: hoursSection,
  testimonials: testimonialsSection,
  faq: faqSection,
  location: locationSection,
  rsvp: rsvpSection,
  contact: contactSection,
};

/** The picture in the hero, by kind or flavour: an emoji on a soft disc (no images can load on a preview). */
const HERO_ICONS: Record<string, string> = {
  landing: '✨',
  portfolio: '🎨',
  'portfolio/photographer': '📷',
  'portfolio/maker': '🏺',
  event: '🎉',
  'event/wedding': '💍',
  'event/conference': '🎤',
  pricing: '📊',
  restaurant: '🍽️',
  'restaurant/cafe': '☕',
  'restaurant/bakery': '🥐',
  'restaurant/korean': '🍲',
  'restaurant/bar': '🍸',
  cv: '💼',
  product: '📦',
  community: '🤝',
  'community/garden': '🌱',
  'community/club': '♟️',
  studio: '🧘',
  'studio/dance': '💃',
};

export function renderContext(plan: SitePlan): RenderContext {
  const { common, kind } = copyFor(plan);
  return { plan, common, copy: kind };
}

/** One section as it appears in the page; `id` names it and its heading. */
export function sectionHtml(id: string, content: SectionContent): string {
  return joinHtml([
    `<section id="${e(id)}" class="section section-${e(id)}" aria-labelledby="${e(headingId(id))}">`,
    '<div class="wrap">',
    `<h2 id="${e(headingId(id))}">${e(content.title)}</h2>`,
    content.body,
    '</div>',
    '</section>',
  ]);
}

export function buildSection(ctx: RenderContext, id: SectionId): SectionContent {
  return BUILDERS[id](ctx);
}

/** A navigation entry per section. */
export function navHtml(ctx: RenderContext, sections: readonly { id: string; name: string }[]): string {
  return joinHtml([
    `<nav class="nav" aria-label="${e(ctx.common.navLabel)}">`,
    `<a class="brand" href="#top">${e(ctx.plan.name)}</a>`,
    `<ul class="nav-links">${sections.map((s) => `<li><a href="#${e(s.id)}">${e(s.name)}</a></li>`).join('')}</ul>`,
    '</nav>',
  ]);
}

/** The whole page of a plan, and the headings of its sections in order. */
export function renderPage(plan: SitePlan): { html: string; description: string; headings: string[] } {
  const ctx = renderContext(plan);
  const sections = plan.sections.map((id) => ({ id, content: buildSection(ctx, id) }));
  const description = ctx.copy.lead(plan);
  const html = pageHtml(ctx, {
    description,
    nav: navHtml(
      ctx,
      plan.sections.map((id) => ({ id, name: ctx.common.navNames[id] })),
    ),
    sections: sections.map(({ id, content }) => sectionHtml(id, content)),
  });
  return { html, description, headings: sections.map((s) => s.content.title) };
}

/** The classes on `<body>` that let a revision read back how the page was made. */
export function bodyClasses(plan: SitePlan): string {
  return `site kind-${plan.kind} flavour-${plan.flavour} theme-${plan.theme.mode} hue-${plan.theme.hue}${plan.showPrices ? '' : ' no-prices'}`;
}

function pageHtml(ctx: RenderContext, parts: { description: string; nav: string; sections: string[] }): string {
  const { plan, common, copy } = ctx;
  const primary = plan.sections.includes(copy.primaryAction) ? copy.primaryAction : plan.sections[0];
  const secondary = plan.sections.includes('contact') && primary !== 'contact' ? 'contact' : undefined;
  const icon = HERO_ICONS[`${plan.kind}/${plan.flavour}`] ?? HERO_ICONS[plan.kind] ?? '✨';
  return `<!DOCTYPE html>
<html lang="${plan.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${e(parts.description)}">
<title>${e(plan.name)}</title>
<link rel="stylesheet" href="styles.css">
</head>
<body class="${bodyClasses(plan)}">
<a class="skip" href="#main">${e(common.skipLink)}</a>
<header class="site-header">
<div class="wrap">
${parts.nav}
</div>
</header>
<main id="main">
${joinHtml([
  '<section id="top" class="hero" aria-labelledby="top-title">',
  '<div class="wrap hero-grid">',
  '<div>',
  `<p class="eyebrow">${e(copy.eyebrow(plan))}</p>`,
  `<h1 id="top-title">${e(plan.name)}</h1>`,
  `<p class="lead">${e(copy.lead(plan))}</p>`,
  eventFacts(ctx),
  primary &&
    `<p class="actions"><a class="button" href="#${primary}">${e(common.actions[primary])}</a>${secondary ? ` <a class="button button-quiet" href="#${secondary}">${e(common.secondaryAction)}</a>` : ''}</p>`,
  '</div>',
  `<div class="hero-art" aria-hidden="true"><span>${e(icon)}</span></div>`,
  '</div>',
  '</section>',
])}
${parts.sections.join('\n')}
</main>
<footer class="site-footer">
<div class="wrap">
<p>${e(common.footer(plan))}</p>
</div>
</footer>
</body>
</html>
`;
}

/** An invitation says when and where right under its title. */
function eventFacts({ plan, common }: RenderContext): string | undefined {
  if (plan.kind !== 'event') return undefined;
  const when = [plan.facts.dates[0], plan.facts.startTime].filter(Boolean).join(' · ');
  const where = plan.facts.venue ?? plan.facts.address ?? plan.facts.city;
  if (!when && !where) return undefined;
  return joinHtml(
    [
      '<dl class="event-facts">',
      when && `<div><dt>${e(common.event.when)}</dt><dd>${e(when)}</dd></div>`,
      where && `<div><dt>${e(common.event.where)}</dt><dd>${e(where)}</dd></div>`,
      '</dl>',
    ],
    '',
  );
}
