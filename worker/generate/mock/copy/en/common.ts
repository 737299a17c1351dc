import type { SitePlan } from '../../site-plan.ts';
import type { CommonWords } from '../words.ts';

const place = (p: SitePlan) => p.facts.city;
/** `the “FAQ” section`, `the “Menu” and “Hours” sections`. */
const sections = (names: string[]) =>
  `the ${list(names.map((name) => `“${name}”`))} section${names.length > 1 ? 's' : ''}`;
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

export const enCommon: CommonWords = {
  lang: 'en',
  kindNames: {
    landing: 'a one-page site',
    portfolio: 'a portfolio',
    event: 'an event page',
    pricing: 'a pricing page',
    restaurant: 'a one-page site',
    cv: 'a CV page',
    product: 'a product page',
    community: 'a community site',
    studio: 'a studio site',
  },
  navLabel: 'Main',
  skipLink: 'Skip to content',
  navNames: {
    about: 'About',
    offer: 'Offer',
    menu: 'Menu',
    gallery: 'Gallery',
    features: 'Highlights',
    experience: 'Experience',
    skills: 'Skills',
    schedule: 'Schedule',
    team: 'Team',
    pricing: 'Prices',
    comparison: 'Compare',
    hours: 'Hours',
    testimonials: 'Reviews',
    faq: 'FAQ',
    location: 'Find us',
    rsvp: 'RSVP',
    contact: 'Contact',
  },
  actions: {
    about: 'Our story',
    offer: 'See the offer',
    menu: 'See the menu',
    gallery: 'View the gallery',
    features: 'Learn more',
    experience: 'See my experience',
    skills: 'See my skills',
    schedule: 'See the schedule',
    team: 'Meet the team',
    pricing: 'See the prices',
    comparison: 'Compare plans',
    hours: 'Opening hours',
    testimonials: 'Read the reviews',
    faq: 'Read the FAQ',
    location: 'How to get there',
    rsvp: 'RSVP now',
    contact: 'Get in touch',
  },
  secondaryAction: 'Contact',
  sectionTitles: {
    hours: 'Opening hours',
    location: 'Find us',
    contact: 'Get in touch',
    faq: 'Questions and answers',
    rsvp: 'Will you join us?',
  },
  contact: {
    intro: (p) =>
      p.kind === 'cv'
        ? 'Open to new roles and interesting projects. The quickest way to reach me:'
        : `Questions, bookings or just a hello: ${p.name} is happy to hear from you.`,
    email: 'Email',
    phone: 'Phone',
    address: 'Address',
    ask: (p) =>
      p.kind === 'pricing' || p.kind === 'product'
        ? 'Our team answers every message within one working day, weekends included.'
        : place(p)
          ? `Drop by when you are in ${place(p)!}, or ask us anything in person.`
          : 'Drop by and say hello, or ask us anything in person.',
  },
  hours: {
    days: 'Days',
    time: 'Hours',
    everyDay: 'Every day',
    closed: 'Closed',
    note: 'Holiday hours may differ; we post changes at the door.',
  },
  location: {
    intro: (p) =>
      p.facts.venue
        ? `We will be at ${p.facts.venue}${place(p) ? `, ${place(p)!}` : ''}.`
        : p.facts.address
          ? `Easy to find${place(p) ? ` in ${place(p)!}` : ''}, and a short walk from public transport.`
          : place(p)
            ? `You will find us in the heart of ${place(p)!}.`
            : 'You will find us right in the neighbourhood.',
    openMap: 'Open in OpenStreetMap',
    mapLabel: (where) => `Map of ${where}`,
  },
  rsvp: {
    text: (p) =>
      `Please let us know whether you can come${p.facts.deadline ? ` by ${p.facts.deadline}` : ''}, and tell us about any dietary needs.`,
    button: 'Reply by email',
    subject: (p) => `RSVP: ${p.name}`,
    noEmail: 'Reply to the person who sent you this page — a message is all we need.',
  },
  event: { when: 'When', where: 'Where' },
  comparison: { feature: 'Feature', included: 'Included', notIncluded: 'Not included' },
  pricing: { popular: 'Most popular', free: 'Free', onRequest: 'On request', choose: 'Get started' },
  schedule: { time: 'Time', what: 'What' },
  footer: (p) => `© ${p.name}${place(p) ? ` · ${place(p)!}` : ''}`,
  summary: (p, sections) => `${p.name}: ${enCommon.kindNames[p.kind]} with ${list(sections)}.`,
  revision: {
    added: (names) => `Added ${sections(names)}.`,
    removed: (names) => `Removed ${sections(names)}.`,
    pricesRemoved: 'Took the prices off.',
    dark: 'Switched to a dark look.',
    light: 'Switched to a light look.',
    colour: 'Changed the accent colour.',
    renamed: (name) => `Renamed the site to ${name}.`,
    contactUpdated: 'Updated the contact details.',
    hoursUpdated: 'Updated the opening hours.',
    nothing:
      'I could not tell what to change, so the page is as it was. Try "add a FAQ", "make it dark" or "remove the prices".',
  },
  formatPrice: (amount, currency) => {
    const digits = Number.isInteger(amount) ? 0 : 2;
    const number = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: 2 }).format(
      amount,
    );
    return currency === '원' ? `₩${number}` : `${currency}${number}`;
  },
  custom: (topic, p) => ({
    title: topic,
    text: `Curious about ${topic.toLowerCase()}? Ask us next time you visit, or write to us: ${p.name} loves to talk about it.`,
  }),
};
