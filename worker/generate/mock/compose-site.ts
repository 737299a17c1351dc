import { createHash } from 'node:crypto';
import type { Bundle } from '../../../shared/bundle.ts';
import { copyFor } from './copy/copy-for.ts';
import { detectFlavour, detectKind } from './detect-kind.ts';
import { detectLanguage } from './detect-language.ts';
import { planSections, requestedSections } from './detect-sections.ts';
import { chooseTheme } from './detect-theme.ts';
import { extractFacts } from './extract-facts.ts';
import { PRICE } from './extract-items.ts';
import { renderPage } from './render/render-page.ts';
import { renderStyles } from './render/render-styles.ts';
import type { Facts, Language, SitePlan } from './site-plan.ts';

/**
 * A prompt → a plan (language, kind, name, sections, look, facts) → a page. Pure and
 * deterministic: the same prompt gives the same bundle, byte for byte.
 */
export function planSite(prompt: string): SitePlan {
  const text = prompt.replace(/\r\n?/g, '\n').trim();
  const seed = createHash('sha256').update(text).digest().readUInt32BE(0);
  const lang = detectLanguage(text);
  const kind = detectKind(text, lang);
  const flavour = detectFlavour(text, kind);
  const { facts, name } = extractFacts(text, lang, kind, flavour);
  // Plan names are not section names: "Team plans" asks for no team section.
  const sectionText = facts.tierNames.reduce((rest, tier) => rest.replaceAll(tier, ' '), text);
  const { unwanted } = requestedSections(sectionText);
  // Facts the prompt gave deserve a place even when it did not name the section.
  const implied = [
    ...(facts.hours.length ? (['hours'] as const) : []),
    ...(facts.address ? (['location'] as const) : []),
  ];
  return {
    lang,
    kind,
    flavour,
    name,
    theme: chooseTheme(text, kind, flavour, seed),
    sections: planSections(kind, sectionText, implied),
    facts,
    currency: currencyOf(facts, lang),
    showPrices: !unwanted.includes('pricing'),
    seed,
  };
}

export function composeSite(prompt: string): Bundle {
  return bundleOf(planSite(prompt));
}

/** The bundle for a plan: index.html, styles.css, and the summary the chat shows. */
export function bundleOf(plan: SitePlan): Bundle {
  const page = renderPage(plan);
  const { common } = copyFor(plan);
  return {
    title: plan.name,
    summary: common.summary(
      plan,
      plan.sections.map((id) => common.navNames[id]),
    ),
    files: [
      { path: 'index.html', content: page.html },
      { path: 'styles.css', content: renderStyles(plan.theme) },
    ],
  };
}

/** The currency the prompt's own prices use, when its amounts are of the size the copy writes in. */
function currencyOf(facts: Facts, lang: Language): string {
  const price = facts.items.find((item) => item.price && new RegExp(PRICE.source, 'i').test(item.price))?.price ?? '';
  const symbol = /€|£|\$/.exec(price)?.[0];
  if (lang === 'en') return symbol ?? '$';
  return '원';
}
