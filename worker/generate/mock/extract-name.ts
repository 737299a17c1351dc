import type { Language, SiteKind } from './site-plan.ts';
import { capitalise } from './text-pieces.ts';

/**
 * The site's name and the people it is about. A name the prompt gives wins (quoted, "called …",
 * "for Bean There Coffee", a couple, a person); otherwise the subject of the request, cut at a
 * phrase boundary ("coffee shop in Lisbon", never "SaaS pricing page for TaskFlow, a project…").
 */

export interface Naming {
  name: string;
  /** A couple or a person, when the prompt names them. */
  people: string[];
  role?: string;
}

/** Longest subject phrase used as a title, in characters, when the prompt gives no name. */
const MAX_SUBJECT_CHARS: Record<Language, number> = { en: 48, ko: 24 };

const NOT_NAME_WORDS =
  /^(?:I|We|Our|My|The|This|That|A|An|Please|Make|Create|Build|Design|Write|Generate|Need|Want|It|Its|Include|Add|Show|Use|With|For|And|Also|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|FAQ|RSVP|CV|SaaS|English|Korean|Free|Basic|Starter|Standard|Pro|Premium|Business|Team|Enterprise|Mon|Tue|Wed|Thu|Fri|Sat|Sun)$/;

export function extractNaming(text: string, lang: Language, kind: SiteKind, flavour: string): Naming {
  const flat = text.replace(/\s+/g, ' ').trim();
  const people =
    kind === 'event' && flavour === 'wedding'
      ? couple(flat)
      : kind === 'cv' || kind === 'portfolio'
        ? person(flat)
        : [];
  const joined = people.length === 2 ? `${people[0]} & ${people[1]}` : people[0];
  const given =
    quoted(flat) ??
    called(flat) ??
    joined ??
    (lang === 'en' ? (forProperName(flat) ?? properNounRun(flat)) : undefined);
  return {
    name: given ?? subjectTitle(flat, lang, kind),
    people,
    role: roleOf(flat),
  };
}

function quoted(text: string): string | undefined {
  const double = /["“«「『]([^"”»」』]{2,50})["”»」』]/.exec(text)?.[1];
  const single = /(?:^|[\s(])['‘]([^'’]{2,40})['’](?=[\s,.:;!?)]|$|[가-힣])/.exec(text)?.[1];
  const found = (double ?? single)?.trim();
  return found && /\p{L}/u.test(found) ? found : undefined;
}

function called(text: string): string | undefined {
  const en = /\b(?:called|named|name is|brand is)\s+([^,.;:!?()\n]{2,60})/i.exec(text)?.[1];
  if (en) {
    const cut = en.split(/\s+(?:in|with|that|which|who|for|on|at|near|from|and we|where|-|–|—)\s+/i)[0]!.trim();
    if (cut && cut.split(' ').length <= 6) return capitalise(cut);
  }
  const ko =
    /([^\s'"“”,.:]{1,20}(?:\s[^\s'"“”,.:]{1,20})?)(?:이라는|라는)\s?(?:이름의|이름을 가진)?/.exec(text)?.[1] ??
    /(?:이름은|상호는|브랜드는|가게 이름은)\s?([^\s,.:]{1,20}(?:\s[^\s,.:]{1,20})?)(?:이고|이며|입니다|이에요|예요|,|\.|\s|$)/.exec(
      text,
    )?.[1];
  return ko?.trim() || undefined;
}

const CAPITALISED_WORD = "[A-Z0-9][\\w'’&.-]{0,40}";
const NAME_LINK = '(?:of|the|and|de|da|du|la|le|von|van|&)';

/** "for Bean There Coffee in Lisbon", "for TaskFlow, a project management tool". */
function forProperName(text: string): string | undefined {
  const pattern = new RegExp(`\\bfor\\s+(${CAPITALISED_WORD}(?:\\s+(?:${CAPITALISED_WORD}|${NAME_LINK}))*)`, 'g');
  for (const match of text.matchAll(pattern)) {
    const name = match[1]!.replace(new RegExp(`(?:\\s+${NAME_LINK})+$`), '').replace(/[.'’]+$/, '');
    if (!NOT_NAME_WORDS.test(name.split(' ')[0]!) && /[a-z]/.test(name)) return name;
  }
  return undefined;
}

/** Two to four capitalised words in a row that are not the start of an ordinary sentence: "Riverside Community Garden". */
function properNounRun(text: string): string | undefined {
  const pattern = new RegExp(`${CAPITALISED_WORD}(?:\\s+(?:${CAPITALISED_WORD}|${NAME_LINK})){1,4}`, 'g');
  for (const match of text.matchAll(pattern)) {
    // "at The Green Room", "in New York": a place, not the site's name.
    if (/\b(?:at|in|near|from|on|to)\s+$/i.test(text.slice(0, match.index))) continue;
    const words = match[0].replace(new RegExp(`(?:\\s+${NAME_LINK})+$`), '').split(' ');
    while (words.length && NOT_NAME_WORDS.test(words[0]!)) words.shift();
    // "Mia's 30th" is not a name; "DevDays 2025" is (a number may follow, not lead).
    const named = words.length >= 2 && /^[A-Z]/.test(words[0]!) && /^[A-Z]/.test(words[1]!);
    if (named && words.every((w) => !NOT_NAME_WORDS.test(w))) return words.join(' ').replace(/[.,]+$/, '');
  }
  return undefined;
}

function couple(text: string): string[] {
  const en = /\b([A-Z][a-zà-ÿ]{1,30})\s+(?:and|&|\+)\s+([A-Z][a-zà-ÿ]{1,30})\b/.exec(text);
  if (en && !NOT_NAME_WORDS.test(en[1]!) && !NOT_NAME_WORDS.test(en[2]!)) return [en[1]!, en[2]!];
  const ko = /([가-힣]{2,4}?)\s?(?:와|과|&|♥|❤|그리고)\s?([가-힣]{2,4}?)(?:의)?\s?(?:결혼|웨딩|청첩장|예식)/.exec(text);
  if (ko) return [ko[1]!, ko[2]!];
  const groom = /신랑\s?([가-힣]{2,4})/.exec(text)?.[1];
  const bride = /신부\s?([가-힣]{2,4})/.exec(text)?.[1];
  return groom && bride ? [groom, bride] : [];
}

function person(text: string): string[] {
  const en = /\b(?:for|I am|I'm|my name is|of)\s+([A-Z][a-zà-ÿ'’-]{1,30}(?:\s+[A-Z][a-zà-ÿ'’-]{1,30}){1,2})\b/.exec(
    text,
  )?.[1];
  if (en && !en.split(' ').some((w) => NOT_NAME_WORDS.test(w))) return [en];
  const ko =
    /(?:이름은|저는)\s?([가-힣]{2,4})(?:입니다|이고|이며|이에요|예요|,|\s)/.exec(text)?.[1] ??
    /([가-힣]{2,4}?)(?:님)?의\s?(?:이력서|포트폴리오|CV|경력)/.exec(text)?.[1];
  return ko ? [ko] : [];
}

const ROLE =
  /\b((?:(?:senior|junior|lead|principal|staff|freelance|independent|[a-z]{1,20}(?:-[a-z]{1,20})?)\s+){0,2}(?:scientist|engineer|developer|designer|photographer|writer|manager|analyst|artist|architect|illustrator|consultant|teacher|nurse|lawyer|marketer|researcher|chef|editor|accountant|ceramicist|potter|videographer|copywriter|translator))\b/i;
const KO_ROLE =
  /((?:[가-힣A-Za-z]{1,20}\s)?(?:데이터\s?사이언티스트|개발자|디자이너|사진작가|엔지니어|기획자|마케터|연구원|디렉터|일러스트레이터|도예가|건축가|셰프|번역가|작가))/;

function roleOf(text: string): string | undefined {
  const en = ROLE.exec(text)?.[1]?.replace(/^(?:a|an|as|the|and|with|for|of|is|am|i'm)\s+/i, '');
  if (en) return en;
  return KO_ROLE.exec(text)?.[1];
}

const EN_PREAMBLE =
  /^(?:please\s+)?(?:(?:can|could|would) you\s+|i need\s+|i want\s+|we need\s+|we want\s+|i'd like\s+|we'd like\s+)?(?:(?:make|create|build|generate|design|write|set up|put together|do)\s+(?:me\s+|us\s+)?)?(?:an?\s+|the\s+)?(?:(?:simple|small|nice|modern|clean|beautiful|elegant|minimal|one[- ]page|single[- ]page|quick|little|new)\s+)*(?:(?:web\s*site|site|web\s*page|landing\s+page|page|home\s*page|pricing\s+page|portfolio|invitation|cv|resume|brief)\s+)?(?:for|about|of|to)\s+/i;
const EN_PHRASE_END =
  /[:;(.!?\n]|\s+(?:with|that|which|where|featuring|including|showing|listing|who|whose|so|because|and (?:a|an|the|some|our|my))\s+|\s+(?:on|at|from|this|next)\s+(?=(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d)|,\s|\s[-–—]\s/i;
const EN_PHRASE_BREAK = /\s+(?:for|in|of|by|on|at|from|to|near|called|named)\s+/gi;

const KO_PAGE_WORDS =
  /\s*(?:웹\s?사이트|홈페이지|랜딩\s?페이지|페이지|사이트|웹|만들어\s?(?:줘|주세요|주실래요)?|을|를)\s*$/;
const KO_PHRASE_END = /[:;(.!?\n,]/;

/** The request's subject as a title, cut where a phrase ends; a plain name for the kind when nothing short enough is left. */
function subjectTitle(text: string, lang: Language, kind: SiteKind): string {
  const max = MAX_SUBJECT_CHARS[lang];
  let subject = lang === 'en' ? englishSubject(text, max) : koreanSubject(text, max);
  subject = subject?.replace(/^[\s'"“”-]+|[\s,'"“”-]+$/g, '');
  return subject ? capitalise(subject) : KIND_TITLES[lang][kind];
}

function englishSubject(text: string, max: number): string | undefined {
  const rest = text.replace(EN_PREAMBLE, '').replace(/^(?:an?|the|my|our)\s+/i, '');
  const phrase = rest.split(EN_PHRASE_END)[0]!.trim();
  if (phrase.length <= max) return phrase || undefined;
  // Too long: the longest start of it that ends where a new phrase begins ("wedding photographer | in Porto").
  const breaks = [...phrase.matchAll(EN_PHRASE_BREAK)].map((m) => m.index).filter((at) => at <= max);
  const at = breaks.at(-1);
  return at !== undefined && at > 2 ? phrase.slice(0, at) : undefined;
}

function koreanSubject(text: string, max: number): string | undefined {
  let phrase = text.split(KO_PHRASE_END)[0]!.trim();
  for (let before = ''; before !== phrase;) [before, phrase] = [phrase, phrase.replace(KO_PAGE_WORDS, '')];
  if (phrase.length <= max) return phrase || undefined;
  // Korean puts the head noun last: "동네 주민을 위한 | 공동체 텃밭".
  const parts = phrase.split(/\s*(?:위한|있는|하는|만든|같은)\s+|의\s+/);
  const head = parts.at(-1)?.trim();
  return head && head.length <= max ? head : undefined;
}

const KIND_TITLES: Record<Language, Record<SiteKind, string>> = {
  en: {
    landing: 'Welcome',
    portfolio: 'Portfolio',
    event: 'You are invited',
    pricing: 'Plans and pricing',
    restaurant: 'Our kitchen',
    cv: 'Curriculum vitae',
    product: 'Meet the product',
    community: 'Our community',
    studio: 'The studio',
  },
  ko: {
    landing: '환영합니다',
    portfolio: '포트폴리오',
    event: '초대합니다',
    pricing: '요금 안내',
    restaurant: '우리 가게',
    cv: '이력서',
    product: '제품 소개',
    community: '우리 모임',
    studio: '스튜디오',
  },
};
