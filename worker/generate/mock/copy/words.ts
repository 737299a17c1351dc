import type { HoursRow, Language, SectionId, SiteKind, SitePlan, TimedItem } from '../site-plan.ts';

/**
 * The shape of everything the composer writes, so English and Korean hold the same things (the
 * compiler checks it). Texts that depend on the prompt are functions of the plan. Prices in copy
 * are plain amounts in the language's usual currency; the page formats them.
 */

export interface Card {
  icon: string;
  title: string;
  text: string;
}
export interface Qa {
  q: string;
  a: string;
}
export interface Quote {
  text: string;
  name: string;
  detail: string;
}
export interface MenuItem {
  name: string;
  price: number;
  note?: string;
}
export interface MenuGroup {
  title: string;
  items: MenuItem[];
}
export interface Tier {
  name: string;
  /** An amount, or 0 for free, or undefined for "talk to us". */
  price?: number;
  /** "per month", "per session", "" */
  per: string;
  blurb: string;
  features: string[];
}
export interface Member {
  icon: string;
  name: string;
  role: string;
  bio: string;
}
export interface Job {
  title: string;
  place: string;
  years: string;
  points: string[];
}

/** What one kind of site (or one flavour of it) says. Every field has a generic version; kinds and flavours override. */
export interface KindCopy {
  eyebrow: (p: SitePlan) => string;
  lead: (p: SitePlan) => string;
  /** Where the hero's main button leads, and what it says. */
  primaryAction: SectionId;
  about: (p: SitePlan) => { title: string; paragraphs: string[] };
  features: (p: SitePlan) => { title: string; cards: Card[] };
  offer: (p: SitePlan) => { title: string; text: string };
  menu: { title: string; groups: MenuGroup[] };
  gallery: { title: string; tiles: { icon: string; caption: string }[] };
  schedule: { title: string; items: TimedItem[] };
  /** Opening hours when the prompt gives none. */
  hours: HoursRow[];
  team: { title: string; members: Member[] };
  pricing: { title: string; intro: string; tiers: Tier[] };
  /** Rows of the comparison table: a feature and, per tier, whether it is included. */
  comparison: { title: string; rows: { feature: string; included: boolean[] }[] };
  testimonials: { title: string; quotes: Quote[] };
  faq: (p: SitePlan) => Qa[];
  experience: (p: SitePlan) => { title: string; jobs: Job[] };
  skills: (p: SitePlan) => { title: string; skills: string[] };
}

/** Words every kind shares: labels, section names, the footer, the summary sent to chat. */
export interface CommonWords {
  lang: Language;
  /** "a one-page site", "an event page": what kind of page it is, for the chat summary. */
  kindNames: Record<SiteKind, string>;
  navLabel: string;
  skipLink: string;
  /** Short names for the navigation and the progress message. */
  navNames: Record<SectionId, string>;
  /** The hero button for each section it may lead to. */
  actions: Record<SectionId, string>;
  secondaryAction: string;
  sectionTitles: { hours: string; location: string; contact: string; faq: string; rsvp: string };
  contact: {
    intro: (p: SitePlan) => string;
    email: string;
    phone: string;
    address: string;
    /** When the prompt gave no way to reach anyone. */
    ask: (p: SitePlan) => string;
  };
  hours: { days: string; time: string; everyDay: string; closed: string; note: string };
  location: { intro: (p: SitePlan) => string; openMap: string; mapLabel: (place: string) => string };
  rsvp: {
    text: (p: SitePlan) => string;
    button: string;
    subject: (p: SitePlan) => string;
    noEmail: string;
  };
  event: { when: string; where: string };
  comparison: { feature: string; included: string; notIncluded: string };
  pricing: { popular: string; free: string; onRequest: string; choose: string };
  schedule: { time: string; what: string };
  footer: (p: SitePlan) => string;
  /** One sentence for the chat: what was made. */
  summary: (p: SitePlan, sectionNames: string[]) => string;
  revision: RevisionWords;
  /** Amount with its currency, as this language writes it. */
  formatPrice: (amount: number, currency: string) => string;
  /** A generic section a revision adds about something the composer knows nothing of. */
  custom: (topic: string, p: SitePlan) => { title: string; text: string };
}

/** How a revision's summary says what changed. */
export interface RevisionWords {
  added: (names: string[]) => string;
  removed: (names: string[]) => string;
  pricesRemoved: string;
  dark: string;
  light: string;
  colour: string;
  renamed: (name: string) => string;
  contactUpdated: string;
  hoursUpdated: string;
  nothing: string;
}
