import type { SitePlan } from '../../site-plan.ts';
import { capitalise } from '../../text-pieces.ts';
import type { KindCopy } from '../words.ts';

/** English copy for topics inside a kind (a café is a restaurant with a different menu). */

const inCity = (p: SitePlan) => (p.facts.city ? ` in ${p.facts.city}` : '');
const couple = (p: SitePlan) =>
  p.facts.people.length === 2 ? `${p.facts.people[0]!} and ${p.facts.people[1]!}` : p.name;
const eventDate = (p: SitePlan) => p.facts.dates[0];

export const enFlavours: Record<string, Partial<KindCopy>> = {
  'restaurant/cafe': {
    eyebrow: (p) => ['Coffee & kitchen', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `Specialty coffee, fresh pastries and slow mornings${inCity(p)}. Pull up a chair.`,
    about: (p) => ({
      title: 'Our story',
      paragraphs: [
        `${p.name} is a small café with big windows. We roast in small batches, bake every morning and know most of our guests by name.`,
        'Bring a book, bring a friend, or bring your laptop: the wifi is free and the refills are cheap.',
      ],
    }),
    menu: {
      title: 'Menu',
      groups: [
        {
          title: 'Coffee',
          items: [
            { name: 'Espresso', price: 2.5 },
            { name: 'Flat white', price: 3.8 },
            { name: 'Cappuccino', price: 3.8 },
            { name: 'Cold brew', price: 4.2 },
          ],
        },
        {
          title: 'From the oven',
          items: [
            { name: 'Butter croissant', price: 3.2 },
            { name: 'Custard tart', price: 2.2 },
            { name: 'Banana bread', price: 3.5, note: 'toasted, with salted butter' },
            { name: 'Avocado toast', price: 8.5 },
          ],
        },
      ],
    },
    hours: [
      { days: 'Mon–Fri', time: '7:30–18:00' },
      { days: 'Sat–Sun', time: '8:30–17:00' },
    ],
    gallery: {
      title: 'At the café',
      tiles: [
        { icon: '☕', caption: 'The morning pour' },
        { icon: '🥐', caption: 'Fresh from the oven' },
        { icon: '📚', caption: 'The reading corner' },
        { icon: '🌿', caption: 'Window seats' },
        { icon: '🍰', caption: 'Weekend cakes' },
        { icon: '🫘', caption: 'Beans we roast' },
      ],
    },
  },
  'restaurant/bakery': {
    eyebrow: (p) => ['Bakery', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `Slow-fermented bread and buttery pastries, baked before sunrise${inCity(p)}.`,
    about: (p) => ({
      title: 'Our story',
      paragraphs: [
        `At ${p.name} the ovens are on by four. We use organic flour, long fermentation and nothing you cannot pronounce.`,
        'Come early for the best choice; what is left at closing goes to the local food bank.',
      ],
    }),
    hours: [
      { days: 'Monday', time: 'Closed' },
      { days: 'Tue–Sat', time: '7:00–16:00' },
      { days: 'Sunday', time: '8:00–13:00' },
    ],
    menu: {
      title: 'Today’s bakes',
      groups: [
        {
          title: 'Bread',
          items: [
            { name: 'Country sourdough', price: 7 },
            { name: 'Seeded rye', price: 6.5 },
            { name: 'Baguette', price: 3.5 },
          ],
        },
        {
          title: 'Pastries',
          items: [
            { name: 'Butter croissant', price: 3.2 },
            { name: 'Pain au chocolat', price: 3.6 },
            { name: 'Cinnamon bun', price: 4 },
            { name: 'Lemon tart', price: 4.5 },
          ],
        },
      ],
    },
  },
  'restaurant/bar': {
    eyebrow: (p) => ['Cocktails & small plates', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `Low lights, good music and drinks mixed with care${inCity(p)}. Come for one, stay for the evening.`,
    about: (p) => ({
      title: 'Our story',
      paragraphs: [
        `${p.name} is a small bar with a long counter. We make our own syrups and bitters, pour local beer and natural wine, and keep a few good things to eat.`,
        'Walk-ins are welcome every night; book ahead for groups of six or more.',
      ],
    }),
    menu: {
      title: 'Drinks',
      groups: [
        {
          title: 'Cocktails',
          items: [
            { name: 'Negroni', price: 12 },
            { name: 'Old fashioned', price: 13 },
            { name: 'Gin and tonic', price: 10, note: 'with house-made tonic' },
            { name: 'Seasonal spritz', price: 11 },
          ],
        },
        {
          title: 'Small plates',
          items: [
            { name: 'Marinated olives', price: 5 },
            { name: 'Cheese and charcuterie board', price: 16 },
            { name: 'Truffle fries', price: 8 },
          ],
        },
      ],
    },
    hours: [
      { days: 'Sun–Mon', time: 'Closed' },
      { days: 'Tue–Thu', time: '17:00–00:00' },
      { days: 'Fri–Sat', time: '17:00–02:00' },
    ],
  },
  'restaurant/korean': {
    eyebrow: (p) => ['Korean kitchen', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `Home-style Korean cooking: bubbling stews, bibimbap and banchan made fresh every day${inCity(p)}.`,
    menu: {
      title: 'Menu',
      groups: [
        {
          title: 'Mains',
          items: [
            { name: 'Bibimbap', price: 14, note: 'rice, vegetables, egg and gochujang' },
            { name: 'Kimchi jjigae', price: 13 },
            { name: 'Bulgogi set', price: 19 },
            { name: 'Japchae', price: 12 },
          ],
        },
        {
          title: 'To share',
          items: [
            { name: 'Seafood pajeon', price: 15 },
            { name: 'Tteokbokki', price: 10 },
          ],
        },
      ],
    },
  },
  'event/wedding': {
    eyebrow: (p) =>
      [eventDate(p), p.facts.venue ?? p.facts.city].filter(Boolean).join(' · ') || 'We are getting married',
    lead: (p) =>
      `${couple(p)} are getting married${eventDate(p) ? ` on ${eventDate(p)!}` : ''}${p.facts.startTime ? ` at ${p.facts.startTime}` : ''}${p.facts.venue ? ` at ${p.facts.venue}` : inCity(p)}, and we would love you to be there.`,
    about: (p) => ({
      title: 'Our story',
      paragraphs: [
        `${couple(p)} met through friends, said yes over breakfast, and have been planning this day ever since.`,
        'Come and celebrate with us: good food, speeches kept short, and a dance floor that stays open late.',
      ],
    }),
    schedule: {
      title: 'Order of the day',
      items: [
        { time: '2:00 pm', label: 'Ceremony' },
        { time: '3:00 pm', label: 'Drinks and photos in the garden' },
        { time: '5:30 pm', label: 'Dinner and speeches' },
        { time: '8:00 pm', label: 'First dance, then the band' },
      ],
    },
    faq: (p) => [
      { q: 'What should I wear?', a: 'Summer formal. The ceremony is on grass, so skip the stilettos.' },
      {
        q: 'Can I bring a plus-one?',
        a: 'If your invitation names a guest, yes. Otherwise we are keeping it small; thank you for understanding.',
      },
      { q: 'Are children welcome?', a: 'Yes! There will be a quiet room and games for the little ones.' },
      {
        q: 'Is there parking?',
        a: p.facts.venue
          ? `Yes, ${p.facts.venue} has free parking for guests.`
          : 'Yes, there is free parking at the venue.',
      },
    ],
  },
  'event/conference': {
    eyebrow: (p) => [eventDate(p), p.facts.venue ?? p.facts.city].filter(Boolean).join(' · ') || 'Conference',
    lead: (p) =>
      `A day of talks, workshops and hallway conversations${eventDate(p) ? ` on ${eventDate(p)!}` : ''}${p.facts.venue ? ` at ${p.facts.venue}` : inCity(p)}.`,
    primaryAction: 'schedule',
    about: (p) => ({
      title: 'About the day',
      paragraphs: [
        `${p.name} brings practitioners together for one focused day: practical talks, hands-on workshops and plenty of time to meet people.`,
        'Tickets include lunch, coffee all day and the evening reception.',
      ],
    }),
    schedule: {
      title: 'Programme',
      items: [
        { time: '9:00', label: 'Registration and coffee' },
        { time: '9:30', label: 'Opening keynote' },
        { time: '11:00', label: 'Talks, two tracks' },
        { time: '12:30', label: 'Lunch' },
        { time: '14:00', label: 'Workshops' },
        { time: '17:00', label: 'Closing panel and drinks' },
      ],
    },
    faq: () => [
      { q: 'Will talks be recorded?', a: 'Yes; ticket holders get the recordings within two weeks.' },
      { q: 'Is the venue accessible?', a: 'Step-free throughout, with a quiet room and live captions.' },
      { q: 'Can I get a refund?', a: 'Full refunds until 14 days before; after that you can transfer your ticket.' },
    ],
  },
  'event/party': {
    about: (p) => ({
      title: 'The party',
      paragraphs: [
        `${p.name}: good friends, good food and music until late.`,
        'Come as you are, bring your best dance moves, and leave the presents at home: your company is the gift.',
      ],
    }),
  },
  'portfolio/photographer': {
    eyebrow: (p) => [p.facts.role ? capitalise(p.facts.role) : 'Photography', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) =>
      `Natural, unposed photographs of the moments that matter${inCity(p)}. Relaxed on the day, beautiful for a lifetime.`,
    gallery: {
      title: 'Gallery',
      tiles: [
        { icon: '💍', caption: 'Vows at golden hour' },
        { icon: '🌸', caption: 'First look' },
        { icon: '🥂', caption: 'The toast' },
        { icon: '🌿', caption: 'Quiet moments' },
        { icon: '👨‍👩‍👧', caption: 'Family portraits' },
        { icon: '💃', caption: 'The last dance' },
      ],
    },
    features: () => ({
      title: 'How I work',
      cards: [
        { icon: '☕', title: 'We meet first', text: 'A coffee or a call to plan the day and get to know each other.' },
        { icon: '📷', title: 'On the day', text: 'Quiet, unobtrusive and always where the moment is.' },
        {
          icon: '🖼️',
          title: 'Your gallery',
          text: 'Hand-edited photos in a private online gallery within four weeks.',
        },
      ],
    }),
    pricing: {
      title: 'Packages',
      intro: 'Every package includes travel within 50 km and a private online gallery.',
      tiers: [
        {
          name: 'Elopement',
          price: 900,
          per: '',
          blurb: 'Two hours for the two of you.',
          features: ['2 hours of coverage', '150+ edited photos', 'Online gallery'],
        },
        {
          name: 'Half day',
          price: 1600,
          per: '',
          blurb: 'From the ceremony to the first dance.',
          features: ['6 hours of coverage', '400+ edited photos', 'Engagement shoot'],
        },
        {
          name: 'Full day',
          price: 2400,
          per: '',
          blurb: 'The whole story, from getting ready to the last song.',
          features: ['10 hours of coverage', '700+ edited photos', 'Second photographer', 'Printed album'],
        },
      ],
    },
  },
  'portfolio/maker': {
    gallery: {
      title: 'Recent pieces',
      tiles: [
        { icon: '🏺', caption: 'Speckled vase' },
        { icon: '🍵', caption: 'Tea bowls, set of four' },
        { icon: '🍽️', caption: 'Dinner plates' },
        { icon: '🪴', caption: 'Planters' },
        { icon: '🕯️', caption: 'Candle holders' },
        { icon: '🔥', caption: 'Out of the kiln' },
      ],
    },
  },
  'community/garden': {
    eyebrow: (p) => ['Community garden', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) =>
      `Growing food, friendships and a greener neighbourhood${inCity(p)}. Everyone is welcome, green thumbs or not.`,
    about: (p) => ({
      title: 'About the garden',
      paragraphs: [
        `${p.name} turned an empty lot into raised beds, a herb spiral, a pollinator meadow and a shed full of shared tools.`,
        'Volunteers look after it together; harvests are shared, and surplus goes to the local food pantry.',
      ],
    }),
    features: () => ({
      title: 'What happens here',
      cards: [
        { icon: '🥕', title: 'Shared beds', text: 'Grow vegetables with neighbours and take home what you pick.' },
        { icon: '🐝', title: 'Wildlife corner', text: 'A meadow, a pond and bee hotels for the smallest neighbours.' },
        { icon: '🧑‍🏫', title: 'Workshops', text: 'Composting, seed saving and pruning, taught by members.' },
      ],
    }),
    schedule: {
      title: 'Garden days',
      items: [
        { time: 'Saturdays, 10 am', label: 'Work morning: weeding, watering, planting' },
        { time: 'Wednesdays, 6 pm', label: 'Evening watering rota' },
        { time: 'First Sunday, 1 pm', label: 'Potluck and seed swap' },
      ],
    },
  },
  'community/club': {
    features: () => ({
      title: 'What we do',
      cards: [
        { icon: '🗓️', title: 'Regular club nights', text: 'Friendly sessions every week for every level.' },
        {
          icon: '🏆',
          title: 'Friendly competition',
          text: 'A club league and a few tournaments a year, for those who want them.',
        },
        { icon: '🎓', title: 'Learn together', text: 'Beginners are paired with experienced members.' },
      ],
    }),
    schedule: {
      title: 'Club nights',
      items: [
        { time: 'Tuesdays, 7 pm', label: 'Club night, all levels' },
        { time: 'Thursdays, 7 pm', label: 'League and practice' },
        { time: 'Saturdays, 2 pm', label: 'Juniors and beginners' },
      ],
    },
  },
  'studio/yoga': {
    schedule: {
      title: 'Weekly timetable',
      items: [
        { time: 'Mon 7:00', label: 'Sunrise vinyasa' },
        { time: 'Tue 18:30', label: 'Hatha for all levels' },
        { time: 'Wed 12:15', label: 'Lunchtime stretch' },
        { time: 'Thu 19:00', label: 'Yin and restore' },
        { time: 'Sat 9:30', label: 'Beginners’ yoga' },
      ],
    },
  },
  'studio/dance': {
    schedule: {
      title: 'Weekly timetable',
      items: [
        { time: 'Mon 18:00', label: 'Contemporary, beginners' },
        { time: 'Wed 19:00', label: 'Salsa night' },
        { time: 'Fri 18:30', label: 'Hip-hop, all levels' },
        { time: 'Sat 10:00', label: 'Ballet for adults' },
      ],
    },
  },
};
