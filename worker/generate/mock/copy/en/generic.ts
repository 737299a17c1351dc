import type { SitePlan } from '../../site-plan.ts';
import { capitalise } from '../../text-pieces.ts';
import type { KindCopy } from '../words.ts';

/** English copy: what every site says unless its kind or flavour says otherwise. */

const inCity = (p: SitePlan) => (p.facts.city ? ` in ${p.facts.city}` : '');

export const enGeneric: KindCopy = {
  eyebrow: (p) => (p.facts.city ? `Welcome · ${p.facts.city}` : 'Welcome'),
  lead: (p) => `Friendly, personal and done properly${inCity(p)}. Here is what we do and how to reach us.`,
  primaryAction: 'features',
  about: (p) => ({
    title: `About ${p.name}`,
    paragraphs: [
      `${p.name} started with a simple idea: do one thing well, and treat every person who walks in like a regular.`,
      'We keep things small on purpose, so you always talk to someone who knows the work and cares how it turns out.',
    ],
  }),
  features: () => ({
    title: 'What we offer',
    cards: [
      { icon: '✨', title: 'Made with care', text: 'Attention to the small details that make the big difference.' },
      {
        icon: '🤝',
        title: 'Personal service',
        text: 'No call centres and no small print: real people who know their craft.',
      },
      {
        icon: '⏱️',
        title: 'Quick to respond',
        text: 'Write to us any day of the week and hear back within one working day.',
      },
    ],
  }),
  offer: () => ({
    title: 'A welcome offer',
    text: 'Your first visit is on us: mention this page when you come in.',
  }),
  menu: {
    title: 'Menu',
    groups: [
      {
        title: 'Favourites',
        items: [
          { name: 'House special', price: 14 },
          { name: 'Seasonal salad', price: 11 },
          { name: 'Soup of the day', price: 8 },
        ],
      },
    ],
  },
  gallery: {
    title: 'Gallery',
    tiles: [
      { icon: '🌅', caption: 'Morning light' },
      { icon: '🛠️', caption: 'Behind the scenes' },
      { icon: '🌿', caption: 'Details that matter' },
      { icon: '🤝', caption: 'Happy people' },
      { icon: '🏡', caption: 'Our place' },
      { icon: '🎉', caption: 'Good days' },
    ],
  },
  schedule: {
    title: 'Schedule',
    items: [
      { time: 'Mon–Fri', label: 'Open for appointments' },
      { time: 'Saturday', label: 'Drop-in morning' },
      { time: 'Sunday', label: 'Rest day' },
    ],
  },
  hours: [
    { days: 'Mon–Fri', time: '9:00–18:00' },
    { days: 'Saturday', time: '10:00–16:00' },
    { days: 'Sunday', time: 'Closed' },
  ],
  team: {
    title: 'The team',
    members: [
      { icon: '🧑‍🎨', name: 'Sam Rivera', role: 'Founder', bio: 'Started it all and still answers most emails.' },
      { icon: '🧑‍💼', name: 'Alex Kim', role: 'Operations', bio: 'Keeps the days running smoothly.' },
      { icon: '🧑‍🔧', name: 'Jordan Lee', role: 'Craft lead', bio: 'Fifteen years of getting the details right.' },
    ],
  },
  pricing: {
    title: 'Prices',
    intro: 'Simple, honest prices. No hidden extras.',
    tiers: [
      {
        name: 'Basic',
        price: 49,
        per: '',
        blurb: 'The essentials, done well.',
        features: ['One session', 'Email support'],
      },
      {
        name: 'Standard',
        price: 99,
        per: '',
        blurb: 'Our most popular choice.',
        features: ['Three sessions', 'Priority booking', 'Email and phone support'],
      },
      {
        name: 'Premium',
        price: 199,
        per: '',
        blurb: 'Everything, with time to spare.',
        features: ['Unlimited sessions', 'Priority booking', 'A dedicated contact'],
      },
    ],
  },
  comparison: {
    title: 'Compare the options',
    rows: [
      { feature: 'Personal consultation', included: [true, true, true] },
      { feature: 'Priority booking', included: [false, true, true] },
      { feature: 'Dedicated contact', included: [false, false, true] },
    ],
  },
  testimonials: {
    title: 'What people say',
    quotes: [
      {
        text: 'Exactly what I was looking for, and friendlier than I expected.',
        name: 'Alex M.',
        detail: 'Customer since 2021',
      },
      {
        text: 'Quick, thoughtful and easy to deal with. I recommend them to everyone.',
        name: 'Priya S.',
        detail: 'Regular',
      },
      { text: 'They remembered my name on the second visit. That says it all.', name: 'Tom W.', detail: 'Neighbour' },
    ],
  },
  faq: (p) => [
    {
      q: 'How do I book?',
      a: p.facts.emails[0]
        ? `Email ${p.facts.emails[0]} and we will reply within a day.`
        : 'Get in touch through the details at the bottom of this page and we will reply within a day.',
    },
    { q: 'Can I change or cancel?', a: 'Yes. Let us know at least 24 hours ahead and there is no charge.' },
    { q: 'Do you offer gift vouchers?', a: 'We do, for any amount. Ask us and we will send one the same day.' },
  ],
  experience: (p) => ({
    title: 'Experience',
    jobs: [
      {
        title: p.facts.role ? capitalise(p.facts.role) : 'Lead specialist',
        place: 'Northwind Studio',
        years: '2021 – now',
        points: [
          'Leads a team of five across three product lines.',
          'Cut delivery time by a third with a simpler process.',
        ],
      },
      {
        title: p.facts.role
          ? capitalise(p.facts.role.replace(/^(?:senior|lead|principal|staff)\s+/i, ''))
          : 'Specialist',
        place: 'Bluebird & Co.',
        years: '2017 – 2021',
        points: [
          'Owned projects from the first brief to launch.',
          'Mentored four juniors, two now lead teams of their own.',
        ],
      },
      {
        title: 'Junior associate',
        place: 'Harbour Partners',
        years: '2014 – 2017',
        points: ['Learned the craft on real client work, six days a week.'],
      },
    ],
  }),
  skills: (p) => ({
    title: 'Skills',
    skills: p.facts.skills.length
      ? p.facts.skills
      : ['Clear writing', 'Project planning', 'Stakeholder communication', 'Mentoring', 'Problem solving'],
  }),
};
