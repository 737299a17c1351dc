import type { CommonWords, KindCopy } from '../copy/words.ts';
import type { SitePlan } from '../site-plan.ts';

/** What every section builder reads: the plan and the words for it. */
export interface RenderContext {
  plan: SitePlan;
  common: CommonWords;
  copy: KindCopy;
}

/** A section's heading (for the page, the navigation and the progress message) and its inner HTML. */
export interface SectionContent {
  title: string;
  body: string;
}

export type SectionBuilder = (ctx: RenderContext) => SectionContent;

/** The `id` of a section's heading, which labels the section. */
export function headingId(id: string): string {
  return `${id}-title`;
}

/** An amount in the page's currency, or nothing when the page shows no prices. */
export function money(ctx: RenderContext, amount: number | undefined): string {
  if (amount === undefined) return ctx.common.pricing.onRequest;
  if (amount === 0) return ctx.common.pricing.free;
  return ctx.common.formatPrice(amount, ctx.plan.currency);
}
