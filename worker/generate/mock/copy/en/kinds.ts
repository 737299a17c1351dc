import type { SiteKind, SitePlan } from '../../site-plan.ts';
import { capitalise } from '../../text-pieces.ts';
import type { KindCopy } from '../words.ts';

/** English copy for each kind of site, over the generic copy (generic.ts). */

const inCity = (p: SitePlan) => (p.facts.city ? ` in ${p.facts.city}` : '');
const eventDate = (p: SitePlan) => p.facts.dates[0];

export const enKinds: Record<SiteKind, Partial<KindCopy>> = {
  landing: {},
  portfolio: {
    eyebrow: (p) => [p.facts.role ? capitalise(p.facts.role) : 'Portfolio', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) =>
      `Selected work by ${p.name}${inCity(p)}: honest, carefully made and built to last. Have a look around, then let’s talk about your project.`,
    primaryAction: 'gallery',
    about: (p) => ({
      title: 'About',
      paragraphs: [
        `${p.name} works with people who care about the details. Every project starts with a conversation and ends with something you will be proud to show.`,
        'Clear plans, fair prices, and no surprises along the way.',
      ],
    }),
    gallery: {
      title: 'Selected work',
      tiles: [
        { icon: '🎨', caption: 'Brand identity, 2024' },
        { icon: '📐', caption: 'Studio interior' },
        { icon: '📚', caption: 'Editorial series' },
        { icon: '🖼️', caption: 'Exhibition poster' },
        { icon: '🧵', caption: 'Textile study' },
        { icon: '🪴', caption: 'Personal project' },
      ],
    },
    features: () => ({
      title: 'Services',
      cards: [
        {
          icon: '💬',
          title: 'Consultation',
          text: 'We talk through what you need and what it will cost, before anything starts.',
        },
        { icon: '✏️', title: 'Commissions', text: 'Made for you, with two rounds of changes included.' },
        { icon: '📦', title: 'Delivery', text: 'Final files or finished pieces, on the date we agreed.' },
      ],
    }),
    testimonials: {
      title: 'Kind words',
      quotes: [
        {
          text: 'Understood what we wanted before we could put it into words.',
          name: 'Hannah & Leo',
          detail: 'Clients, 2024',
        },
        {
          text: 'Professional, calm and a joy to work with. The result speaks for itself.',
          name: 'Marta P.',
          detail: 'Creative director',
        },
        { text: 'Delivered early and better than the brief.', name: 'James O.', detail: 'Client, 2023' },
      ],
    },
  },
  event: {
    eyebrow: (p) => [eventDate(p), p.facts.venue ?? p.facts.city].filter(Boolean).join(' · ') || 'You are invited',
    lead: (p) =>
      `Join us${eventDate(p) ? ` on ${eventDate(p)!}` : ''}${p.facts.startTime ? ` at ${p.facts.startTime}` : ''}${p.facts.venue ? ` at ${p.facts.venue}` : inCity(p)}. It would not be the same without you.`,
    primaryAction: 'rsvp',
    about: (p) => ({
      title: 'The day',
      paragraphs: [
        `We are gathering the people we love for a day to remember, and we would be delighted if you could be there.`,
        `${eventDate(p) ? `Save the date: ${eventDate(p)!}. ` : ''}Details of the day, the place and how to reply are below.`,
      ],
    }),
    schedule: {
      title: 'Order of the day',
      items: [
        { time: '4:00 pm', label: 'Guests arrive' },
        { time: '4:30 pm', label: 'Welcome and toasts' },
        { time: '6:00 pm', label: 'Dinner' },
        { time: '8:00 pm', label: 'Music and dancing' },
      ],
    },
    faq: (p) => [
      { q: 'What should I wear?', a: 'Smart and comfortable. Shoes you can dance in are a good idea.' },
      { q: 'Can I bring a plus-one?', a: 'If your invitation names a guest, yes. If you are unsure, just ask us.' },
      {
        q: 'Is there parking?',
        a: p.facts.venue
          ? `Yes, ${p.facts.venue} has free parking for guests.`
          : 'Yes, there is free parking close by.',
      },
    ],
  },
  pricing: {
    eyebrow: () => 'Plans and pricing',
    lead: (p) => `${p.name} grows with you. Start free, upgrade when your team needs more, and cancel any time.`,
    primaryAction: 'pricing',
    features: (p) => ({
      title: `Why teams choose ${p.name}`,
      cards: [
        { icon: '⚡', title: 'Set up in minutes', text: 'Invite your team and import your work in one afternoon.' },
        { icon: '🔒', title: 'Secure by default', text: 'Single sign-on, audit logs and encrypted backups every day.' },
        {
          icon: '📈',
          title: 'Scales with you',
          text: 'From a team of three to three hundred, without changing tools.',
        },
      ],
    }),
    pricing: {
      title: 'Plans for every team',
      intro: 'All plans include unlimited projects and a 14-day free trial. Prices per user, billed monthly.',
      tiers: [
        {
          name: 'Starter',
          price: 0,
          per: 'per user / month',
          blurb: 'For individuals and small teams getting started.',
          features: ['Up to 3 projects', 'Basic reports', 'Community support'],
        },
        {
          name: 'Pro',
          price: 12,
          per: 'per user / month',
          blurb: 'For growing teams that need more control.',
          features: ['Unlimited projects', 'Advanced reports', 'Integrations', 'Email support'],
        },
        {
          name: 'Business',
          price: 29,
          per: 'per user / month',
          blurb: 'For organisations with security needs.',
          features: ['Everything in Pro', 'Single sign-on', 'Audit log', 'Priority support'],
        },
      ],
    },
    comparison: {
      title: 'Compare plans',
      rows: [
        { feature: 'Unlimited projects', included: [false, true, true] },
        { feature: 'Advanced reports', included: [false, true, true] },
        { feature: 'Integrations', included: [false, true, true] },
        { feature: 'Single sign-on (SSO)', included: [false, false, true] },
        { feature: 'Audit log', included: [false, false, true] },
        { feature: 'Priority support', included: [false, false, true] },
      ],
    },
    faq: () => [
      { q: 'Is there a free trial?', a: 'Yes. Every paid plan starts with 14 days free, no card needed.' },
      {
        q: 'Can I change plans later?',
        a: 'Any time. Upgrades apply at once; downgrades at the end of the billing period.',
      },
      { q: 'Do you offer discounts?', a: 'Annual billing saves two months. Non-profits and schools get 50% off.' },
      {
        q: 'What happens to my data if I cancel?',
        a: 'You can export everything for 30 days after cancelling, then it is deleted.',
      },
    ],
  },
  restaurant: {
    eyebrow: (p) => ['Kitchen & table', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `Seasonal food, generous portions and a warm welcome${inCity(p)}. Come hungry.`,
    primaryAction: 'menu',
    about: (p) => ({
      title: 'Our story',
      paragraphs: [
        `${p.name} is a neighbourhood place: we cook what is in season, buy from growers we know, and keep the prices fair.`,
        'Walk in for a quick lunch or book a table for a long dinner with friends.',
      ],
    }),
    menu: {
      title: 'Menu',
      groups: [
        {
          title: 'To start',
          items: [
            { name: 'Burrata with roasted tomatoes', price: 12 },
            { name: 'Soup of the day', price: 8, note: 'with house bread' },
          ],
        },
        {
          title: 'Mains',
          items: [
            { name: 'Roast chicken, lemon and herbs', price: 22 },
            { name: 'Catch of the day', price: 26 },
            { name: 'Wild mushroom risotto', price: 19, note: 'vegetarian' },
          ],
        },
        {
          title: 'Desserts',
          items: [
            { name: 'Olive oil cake', price: 9 },
            { name: 'Dark chocolate mousse', price: 9 },
          ],
        },
      ],
    },
    hours: [
      { days: 'Monday', time: 'Closed' },
      { days: 'Tue–Thu', time: '12:00–22:00' },
      { days: 'Fri–Sat', time: '12:00–23:00' },
      { days: 'Sunday', time: '12:00–17:00' },
    ],
    gallery: {
      title: 'From our kitchen',
      tiles: [
        { icon: '🍝', caption: 'Fresh pasta' },
        { icon: '🥗', caption: 'Market salads' },
        { icon: '🍷', caption: 'Natural wines' },
        { icon: '🔥', caption: 'The open kitchen' },
        { icon: '🍰', caption: 'Desserts' },
        { icon: '🪑', caption: 'The dining room' },
      ],
    },
    faq: (p) => [
      {
        q: 'Do you take reservations?',
        a: p.facts.phones[0]
          ? `Yes: call us on ${p.facts.phones[0]}. Walk-ins are always welcome too.`
          : 'Yes, and walk-ins are always welcome.',
      },
      { q: 'Do you cater for allergies?', a: 'Tell us when you order; most dishes can be made gluten- or dairy-free.' },
      { q: 'Can we book for a group?', a: 'Groups of up to 20 are welcome. Give us a few days’ notice.' },
    ],
    testimonials: {
      title: 'What guests say',
      quotes: [
        {
          text: 'The kind of place you tell your friends about and then worry it gets too busy.',
          name: 'Clara D.',
          detail: 'Regular',
        },
        {
          text: 'Everything tasted like someone cared. Lovely staff too.',
          name: 'Marco B.',
          detail: 'Visited in spring',
        },
        { text: 'Our new Friday night tradition.', name: 'The Okafor family', detail: 'Neighbours' },
      ],
    },
  },
  cv: {
    eyebrow: (p) =>
      [p.facts.role ? capitalise(p.facts.role) : 'Curriculum vitae', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) =>
      `${p.facts.role ? `${capitalise(p.facts.role)} who` : 'Someone who'} turns messy problems into clear results, and enjoys working with people who do the same.`,
    primaryAction: 'experience',
    about: (p) => ({
      title: 'Profile',
      paragraphs: [
        `I am ${p.name}${p.facts.role ? `, a ${p.facts.role}` : ''}${inCity(p)}. I like work that matters to the people who use it, and I like to measure whether it does.`,
        'Over the years I have led projects end to end, mentored colleagues and kept things simple where others made them complicated.',
      ],
    }),
  },
  product: {
    eyebrow: () => 'New',
    lead: (p) => `${p.name} is the simple, well-made thing you will use every day. Designed with care, built to last.`,
    primaryAction: 'features',
    features: () => ({
      title: 'Why you will love it',
      cards: [
        { icon: '🪶', title: 'Light and durable', text: 'Made from recycled materials that outlast the alternatives.' },
        { icon: '🔋', title: 'Lasts all week', text: 'A single charge keeps going for seven days of normal use.' },
        { icon: '♻️', title: 'Repairable', text: 'Every part can be replaced, and we sell them at cost.' },
      ],
    }),
    about: (p) => ({
      title: 'How it works',
      paragraphs: [
        `Take ${p.name} out of the box and it is ready to go: no accounts, no setup.`,
        'We test every unit by hand before it ships, and back it with a two-year warranty.',
      ],
    }),
    pricing: {
      title: 'Get yours',
      intro: 'Free shipping and 30-day returns on every order.',
      tiers: [
        {
          name: 'Standard',
          price: 129,
          per: '',
          blurb: 'Everything you need to get started.',
          features: ['The product', 'Charging cable', '2-year warranty'],
        },
        {
          name: 'Bundle',
          price: 179,
          per: '',
          blurb: 'For the ones who want it all.',
          features: ['Everything in Standard', 'Travel case', 'Spare parts kit'],
        },
      ],
    },
    faq: () => [
      { q: 'When will it ship?', a: 'Orders placed before 2 pm ship the same working day.' },
      { q: 'What if it breaks?', a: 'It is covered for two years, and every part can be repaired.' },
      { q: 'Can I return it?', a: 'Yes, within 30 days, for any reason.' },
    ],
  },
  community: {
    eyebrow: (p) => ['Everyone welcome', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${p.name} brings neighbours together${inCity(p)}. No experience needed, just come along.`,
    primaryAction: 'schedule',
    about: (p) => ({
      title: 'Who we are',
      paragraphs: [
        `${p.name} is run by volunteers for everyone nearby. We meet regularly, share what we know and look after each other.`,
        'New faces are always welcome: come to any meeting and introduce yourself.',
      ],
    }),
    features: () => ({
      title: 'How to get involved',
      cards: [
        { icon: '👋', title: 'Come along', text: 'Join any meeting, no sign-up needed.' },
        { icon: '🙋', title: 'Volunteer', text: 'Give an hour when you can; every bit helps.' },
        { icon: '💌', title: 'Stay in touch', text: 'Get our short monthly newsletter with dates and news.' },
      ],
    }),
    pricing: {
      title: 'Membership',
      intro: 'Membership helps us plan and pays for the basics. Nobody is ever turned away for not paying.',
      tiers: [
        {
          name: 'Visitor',
          price: 0,
          per: '',
          blurb: 'Come along and see if you like it.',
          features: ['Open sessions', 'Monthly newsletter'],
        },
        {
          name: 'Member',
          price: 10,
          per: 'per year',
          blurb: 'For regulars who want a say.',
          features: ['Everything for visitors', 'A vote at the yearly meeting', 'Member events'],
        },
        {
          name: 'Supporter',
          price: 30,
          per: 'per year',
          blurb: 'Helps pay for someone who cannot.',
          features: ['Everything for members', 'Our warm thanks in the newsletter'],
        },
      ],
    },
    schedule: {
      title: 'Upcoming dates',
      items: [
        { time: 'First Saturday, 10 am', label: 'Monthly meetup' },
        { time: 'Every Wednesday, 6 pm', label: 'Open evening' },
        { time: 'Last Sunday, 2 pm', label: 'Family afternoon' },
      ],
    },
    faq: () => [
      { q: 'Do I need to be a member?', a: 'No. Everyone is welcome to come along; membership just helps us plan.' },
      { q: 'Is there a fee?', a: 'Taking part is free. Donations help cover costs, but are never expected.' },
      { q: 'Can children come?', a: 'Yes, with an adult. Many of our events are made for families.' },
    ],
  },
  studio: {
    eyebrow: (p) => ['Classes for every level', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) =>
      `Small classes, great teachers and a calm space${inCity(p)}. Your first class is a good place to start.`,
    primaryAction: 'schedule',
    about: (p) => ({
      title: 'The studio',
      paragraphs: [
        `${p.name} is a bright, quiet space with small classes, so teachers know your name and how you like to move.`,
        'Beginners are welcome in every class; mats, towels and tea are on us.',
      ],
    }),
    schedule: {
      title: 'Weekly timetable',
      items: [
        { time: 'Mon 7:00', label: 'Morning flow' },
        { time: 'Tue 18:30', label: 'Strength and mobility' },
        { time: 'Wed 12:15', label: 'Lunchtime stretch' },
        { time: 'Thu 19:00', label: 'Slow and restore' },
        { time: 'Sat 9:30', label: 'Beginners’ class' },
      ],
    },
    team: {
      title: 'Your teachers',
      members: [
        {
          icon: '🧘',
          name: 'Lena Ortiz',
          role: 'Founder',
          bio: 'Teaching for twelve years; loves a slow, strong class.',
        },
        {
          icon: '🤸',
          name: 'Noah Park',
          role: 'Mobility coach',
          bio: 'Former physiotherapist who makes hard things feel easy.',
        },
        { icon: '🌿', name: 'Ava Brooks', role: 'Restorative classes', bio: 'Calm voice, warm blankets, deep rest.' },
      ],
    },
    pricing: {
      title: 'Prices',
      intro: 'No joining fee. Passes never expire.',
      tiers: [
        {
          name: 'Drop-in',
          price: 18,
          per: 'per class',
          blurb: 'Come when it suits you.',
          features: ['Any class', 'Mat and towel included'],
        },
        {
          name: '10-class pass',
          price: 150,
          per: '',
          blurb: 'Our most popular choice.',
          features: ['Ten classes', 'Share with a friend', 'Never expires'],
        },
        {
          name: 'Unlimited',
          price: 120,
          per: 'per month',
          blurb: 'For the regulars.',
          features: ['Every class', 'Free workshops', 'Guest pass each month'],
        },
      ],
    },
    offer: () => ({
      title: 'Your first class is free',
      text: 'New to the studio? Come to any class on us. Arrive ten minutes early and we will show you around.',
    }),
    faq: () => [
      {
        q: 'I have never done this before. Can I come?',
        a: 'Yes. Every class has options for beginners, and the Saturday class is made for you.',
      },
      { q: 'What should I bring?', a: 'Comfortable clothes and water. We have mats, towels and showers.' },
      { q: 'How do I book?', a: 'Just turn up, or write to us to hold a spot in busy classes.' },
    ],
  },
};
