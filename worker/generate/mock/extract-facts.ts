import { extractContacts, extractVenue } from './extract-contacts.ts';
import { extractPricedItems, extractSkills, extractTierNames } from './extract-items.ts';
import { extractNaming } from './extract-name.ts';
import { extractDates, extractDeadline, extractTimes } from './extract-times.ts';
import type { Facts, Language, SiteKind } from './site-plan.ts';

/** Everything the page repeats from the prompt, and the site's name. */
export function extractFacts(
  text: string,
  lang: Language,
  kind: SiteKind,
  flavour: string,
): { facts: Facts; name: string } {
  const contacts = extractContacts(text);
  // Phone numbers and emails hold digit runs that look like times or prices: read those without them.
  const rest = [...contacts.emails, ...contacts.phones, contacts.address ?? ''].reduce(
    (remaining, found) => (found ? remaining.replaceAll(found, ' ') : remaining),
    text,
  );
  const naming = extractNaming(text, lang, kind, flavour);
  const dates = extractDates(rest);
  // "Saturday, June 14 at 3 pm": the date is not what happens at 3 pm.
  const times = extractTimes(dates.reduce((remaining, date) => remaining.replaceAll(date, ' '), rest));
  const labelled = times.schedule.filter((item) => item.label);
  return {
    name: naming.name,
    facts: {
      ...contacts,
      dates,
      deadline: extractDeadline(rest),
      venue: kind === 'event' ? extractVenue(rest, contacts.address) : undefined,
      items: extractPricedItems(rest),
      tierNames: extractTierNames(rest),
      schedule: labelled,
      startTime: times.schedule.find((item) => !item.label)?.time,
      hours: times.hours,
      people: naming.people,
      skills: extractSkills(rest),
      role: naming.role,
    },
  };
}
