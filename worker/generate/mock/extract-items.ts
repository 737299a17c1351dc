import type { PricedItem } from './site-plan.ts';
import { capitalise, clauses, tidyLabel } from './text-pieces.ts';

/**
 * Things with prices ("flat white $3.80", "Pro $29/month", "비빔밥 12,000원"), plan names said
 * without prices, and a CV's skills. A price is kept exactly as written, currency and period too.
 */

const PERIOD =
  '(?:\\s?(?:/|per|a)\\s?(?:month|mo|year|yr|user|seat|person|head|hour|hr|session|class|lesson|night|week|guest)\\b|\\s?/\\s?(?:월|년|회|인))?';
const SYMBOL_PRICE = `(?:(?:US|CA|AU|NZ)?\\$|€|£|¥|₩)\\s?\\d{1,3}(?:[,\\s]\\d{3})*(?:\\.\\d{1,2})?(?:k\\b)?`;
const SUFFIX_PRICE = `(?:월\\s?|연\\s?)?\\d{1,3}(?:,\\d{3})*(?:\\.\\d{1,2})?\\s?(?:원|만\\s?원|천\\s?원|won\\b|KRW\\b|USD\\b|EUR\\b|euros?\\b|dollars?\\b|€)`;
/** One price, with what it is per. */
export const PRICE = new RegExp(`(?:${SYMBOL_PRICE}|${SUFFIX_PRICE})${PERIOD}`, 'gi');

const TIER_NAMES =
  /\b(?:Free|Basic|Starter|Standard|Plus|Pro|Premium|Business|Team|Teams|Growth|Scale|Enterprise|Personal|Professional|Studio|Agency|Solo|Family|Unlimited)\b|(?:베이직|스타터|스탠다드|스탠더드|프로|프리미엄|비즈니스|엔터프라이즈)(?![가-힣])/g;

/** A menu or price list longer than this is cut: a page is not a catalogue. */
const MAX_ITEMS = 40;

export function extractPricedItems(text: string): PricedItem[] {
  const items: PricedItem[] = [];
  for (const clause of clauses(text)) {
    if (items.length >= MAX_ITEMS) break;
    const prices = clause.match(PRICE);
    if (prices?.length !== 1) continue;
    const price = prices[0].trim();
    const name = tidyLabel(clause.replace(PRICE, ' '));
    if (name) items.push({ name, price });
  }
  return items;
}

/** "three tiers: Starter, Pro and Enterprise": plan names, in order, once each. */
export function extractTierNames(text: string): string[] {
  if (!/\btiers?\b|\bplans?\b|\bpackages?\b|\blevels?\b|요금제|플랜|패키지|등급/i.test(text)) return [];
  return [...new Set(text.match(TIER_NAMES) ?? [])].map(capitalise);
}

const SKILLS_LIST =
  /(?:skills?|skilled in|expert in|expertise in|tools|tech stack|stack|기술(?:\s?스택)?|스킬|역량)\s*(?:include|are|like|such as|:|은|는|으로는)?\s*:?\s*([^.;\n]+)/i;

export function extractSkills(text: string): string[] {
  const list = SKILLS_LIST.exec(text)?.[1];
  if (!list) return [];
  return list
    .split(/,|\s+and\s+|\s*및\s*|\s*그리고\s*|\//)
    .map((skill) => tidyLabel(skill, 4, { capitalise: false }))
    .filter(Boolean)
    .slice(0, 12);
}
