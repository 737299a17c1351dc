import type { Theme } from './palette.ts';

/**
 * What the composer decided about a page before writing a line of it: the language, the kind of
 * site, its name, the sections in order, the look, and the facts taken from the prompt. Rendering
 * is a pure function of the plan, so the same prompt always gives the same page.
 */

export type Language = 'en' | 'ko';

export const siteKinds = [
  'landing',
  'portfolio',
  'event',
  'pricing',
  'restaurant',
  'cv',
  'product',
  'community',
  'studio',
] as const;
export type SiteKind = (typeof siteKinds)[number];

/**
 * Every section the composer can write, in the order they appear on a page (a section added by a
 * revision goes to its place in this order). `contact` is always last.
 */
export const sectionOrder = [
  'about',
  'offer',
  'menu',
  'gallery',
  'features',
  'experience',
  'skills',
  'schedule',
  'team',
  'pricing',
  'comparison',
  'hours',
  'testimonials',
  'faq',
  'location',
  'rsvp',
  'contact',
] as const;
export type SectionId = (typeof sectionOrder)[number];

/** Something with a name and maybe a price: a dish, a plan, a package. `price` is as the prompt wrote it. */
export interface PricedItem {
  name: string;
  price?: string;
}

/** A point in a schedule: `time` as written ("3 pm", "오후 3시"), and what happens then. */
export interface TimedItem {
  time: string;
  label: string;
}

/** A line of opening hours: "Mon–Fri" / "7am–6pm", or "closed". */
export interface HoursRow {
  days: string;
  time: string;
}

/** What the prompt said that the page should repeat. Everything is optional: the copy fills gaps. */
export interface Facts {
  emails: string[];
  phones: string[];
  address?: string;
  city?: string;
  /** Dates as written, first one is "the" date of an event. */
  dates: string[];
  /** A date something must happen by ("RSVP by May 1"). */
  deadline?: string;
  /** Where an event takes place, by name ("Rosewood Manor"). */
  venue?: string;
  /** Things with prices, in the prompt's order (menu items, plans). */
  items: PricedItem[];
  /** Plan names mentioned without prices ("Starter, Pro and Team"). */
  tierNames: string[];
  schedule: TimedItem[];
  /** A time the prompt gives without saying what happens then: when an event starts. */
  startTime?: string;
  hours: HoursRow[];
  /** People the site is about: a couple, a CV's owner. */
  people: string[];
  skills: string[];
  /** What someone does, for a CV or portfolio ("data scientist"). */
  role?: string;
}

export interface SitePlan {
  lang: Language;
  kind: SiteKind;
  /** A finer topic inside the kind that picks default content (cafe, wedding, garden…); `general` when none fits. */
  flavour: string;
  /** The site's name: the page title, the brand and the `<h1>`. */
  name: string;
  theme: Theme;
  sections: SectionId[];
  facts: Facts;
  /** How prices are written: `$`, `€`, `£` before the amount, `원` after it. */
  currency: string;
  /** False when the prompt (or a revision) asked for no prices. */
  showPrices: boolean;
  /** From the prompt's hash: picks among equal choices, so reruns match but sites differ. */
  seed: number;
}

export function emptyFacts(): Facts {
  return {
    emails: [],
    phones: [],
    dates: [],
    items: [],
    tierNames: [],
    schedule: [],
    hours: [],
    people: [],
    skills: [],
  };
}
