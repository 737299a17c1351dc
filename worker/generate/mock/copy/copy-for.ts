import type { Language, SitePlan } from '../site-plan.ts';
import { enCommon } from './en/common.ts';
import { enFlavours } from './en/flavours.ts';
import { enGeneric } from './en/generic.ts';
import { enKinds } from './en/kinds.ts';
import { koCommon } from './ko/common.ts';
import { koFlavours } from './ko/flavours.ts';
import { koGeneric } from './ko/generic.ts';
import { koKinds } from './ko/kinds.ts';
import type { CommonWords, KindCopy } from './words.ts';

const LANGUAGES = {
  en: { common: enCommon, generic: enGeneric, kinds: enKinds, flavours: enFlavours },
  ko: { common: koCommon, generic: koGeneric, kinds: koKinds, flavours: koFlavours },
} satisfies Record<Language, unknown>;

/** The words for a plan: the language's generic copy, overridden by its kind, then by its flavour. */
export function copyFor(plan: Pick<SitePlan, 'lang' | 'kind' | 'flavour'>): { common: CommonWords; kind: KindCopy } {
  const words = LANGUAGES[plan.lang];
  return {
    common: words.common,
    kind: { ...words.generic, ...words.kinds[plan.kind], ...words.flavours[`${plan.kind}/${plan.flavour}`] },
  };
}
