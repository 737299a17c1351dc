import { sectionOrder, type SectionId, type SiteKind } from './site-plan.ts';

/** What each kind of site shows when the prompt asks for nothing in particular. */
const defaultSections: Record<SiteKind, readonly SectionId[]> = {
  landing: ['features', 'about', 'testimonials', 'contact'],
  portfolio: ['about', 'gallery', 'features', 'testimonials', 'contact'],
  event: ['about', 'schedule', 'location', 'rsvp', 'faq'],
  pricing: ['features', 'pricing', 'comparison', 'faq', 'contact'],
  restaurant: ['about', 'menu', 'hours', 'location', 'contact'],
  cv: ['about', 'experience', 'skills', 'contact'],
  product: ['features', 'about', 'pricing', 'testimonials', 'faq', 'contact'],
  community: ['about', 'schedule', 'features', 'faq', 'contact'],
  studio: ['about', 'schedule', 'team', 'pricing', 'contact'],
};

/** Words that ask for a section, English and Korean together (Korean prompts borrow English words). */
export const sectionCues: Record<SectionId, RegExp> = {
  about: /\babout\b|\bour story\b|\bstory\b|\bintroduction\b|\bmission\b|\bwho we are\b|소개|스토리|이야기/i,
  features:
    /\bfeatures?\b|\bservices\b|\bwhat we (?:do|offer)\b|\bbenefits\b|\bhow it works\b|\bactivities\b|기능|서비스|특징|장점|활동/i,
  offer:
    /\bfree (?:first |trial )?(?:class|lesson|session|trial|consultation)\b|\bfirst[- ](?:class|lesson|session)[- ](?:is )?free\b|\bdiscount\b|\bspecial offer\b|\bpromo(?:tion)?\b|\b\d+ ?% off\b|무료|할인|프로모션|혜택/i,
  menu: /\bmenus?\b|\bdrinks? list\b|\bdishes\b|\bwine list\b|메뉴|차림표/i,
  gallery:
    /\bgaller(?:y|ies)\b|\bphotos\b|\bpictures\b|\bshowcase\b|\bwork samples\b|\bselected work\b|갤러리|사진|작품/i,
  experience: /\bexperience\b|\bwork history\b|\bcareer\b|\bemployment\b|\beducation\b|경력|경험|학력/i,
  skills: /\bskills?\b|\bexpertise\b|\btech stack\b|\btoolbox\b|기술|스킬|역량/i,
  schedule:
    /\bschedule\b|\btimetable\b|\bprogram(?:me)?\b|\bagenda\b|\bitinerary\b|\btimeline\b|\border of the day\b|\bline-?up\b|\bevents\b|\bworkdays?\b|일정|시간표|순서|프로그램|식순|스케줄/i,
  team: /\bteam\b|\bteachers?\b|\binstructors?\b|\bstaff\b|\bcoaches\b|\btrainers\b|\borgani[sz]ers\b|강사|선생님|팀원|구성원|코치|운영진/i,
  pricing:
    /\bpric(?:es|ing|e list)\b|\brates\b|\btiers?\b|\bplans\b|\bpackages\b|\bfees\b|\bmembership\b|가격|요금|플랜|패키지|회비|비용/i,
  comparison: /\bcompar(?:e|ison)\b|\bfeature table\b|\bside by side\b|비교/i,
  hours:
    /\bhours\b|\bopening times\b|\bopen(?:ing)? (?:daily|from|every)\b|\bwhen we(?:'re| are) open\b|영업\s?시간|운영\s?시간|오픈\s?시간|여는\s?시간/i,
  testimonials:
    /\btestimonials?\b|\breviews?\b|\bwhat (?:people|customers|clients|guests) say\b|\bquotes\b|후기|리뷰|추천사/i,
  faq: /\bfaqs?\b|\bquestions\b|\bq ?& ?a\b|자주\s?묻는|질문|궁금/i,
  rsvp: /\brsvp\b|\breply by\b|\bconfirm attendance\b|참석\s?여부|회신|참석\s?확인/i,
  location:
    /\bmaps?\b|\blocation\b|\bdirections\b|\bfind us\b|\bhow to get\b|\bvenue\b|\bgetting there\b|지도|위치|오시는\s?길|찾아오시는|장소|약도/i,
  contact: /\bcontacts?\b|\bget in touch\b|\breach (?:us|me)\b|\bbook(?:ing)?s?\b|연락|문의|예약/i,
};

/** "no testimonials", "without prices", "후기 없이", "가격은 빼고": sections the prompt rules out. */
const EXCLUDE_EN =
  /\b(?:no|without|skip|except|exclude|leave out)\s+(?:the\s+|a\s+|any\s+)?([a-z &-]{3,30}?)(?=[,.;:!?]|\band\b|$)/gi;
const EXCLUDE_KO =
  /([가-힣A-Za-z ]{1,15}?)\s?(?:은|는|을|를)?\s?(?:없이|없음|없습니다|없어요|빼고|제외|말고|필요\s?없)/g;

/** The sections the prompt names (in page order) and those it rules out. */
export function requestedSections(text: string): { wanted: SectionId[]; unwanted: SectionId[] } {
  const unwanted = new Set<SectionId>();
  let rest = text;
  for (const pattern of [EXCLUDE_EN, EXCLUDE_KO]) {
    rest = rest.replace(pattern, (whole, words: string) => {
      for (const id of sectionOrder) if (sectionCues[id].test(words)) unwanted.add(id);
      return ' ';
    });
  }
  const wanted = sectionOrder.filter((id) => !unwanted.has(id) && sectionCues[id].test(rest));
  return { wanted, unwanted: [...unwanted] };
}

/**
 * Sections that belong to some kinds only: "gardening experience" in a garden's brief does not ask
 * for a CV's work history. A revision that names one adds it anyway.
 */
const ONLY_FOR: Partial<Record<SectionId, readonly SiteKind[]>> = {
  experience: ['cv', 'portfolio'],
  skills: ['cv', 'portfolio'],
  rsvp: ['event'],
};

/** The kind's defaults plus what the prompt asks for, less what it rules out, in page order. */
export function planSections(kind: SiteKind, text: string, extra: readonly SectionId[] = []): SectionId[] {
  const { wanted: asked, unwanted } = requestedSections(text);
  const wanted = asked.filter((id) => ONLY_FOR[id]?.includes(kind) ?? true);
  const chosen = new Set([...defaultSections[kind], ...wanted, ...extra]);
  // A page without a way to reach anyone is not finished: contact stays unless ruled out.
  if (!unwanted.includes('contact') && kind !== 'event') chosen.add('contact');
  return sectionOrder.filter((id) => chosen.has(id) && !unwanted.includes(id));
}
