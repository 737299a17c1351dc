import type { Language, SiteKind } from './site-plan.ts';

type Cue = readonly [pattern: RegExp, weight: number];

/**
 * Words that point to a kind of site, with how strongly. The kind with the highest total wins; a
 * tie goes to the kind listed first; nothing at all means a landing page. Weights settle the
 * overlaps: "wedding photographer" is a portfolio (3) more than an invitation (2), "coffee shop
 * menu" a restaurant whatever else it lists.
 */
const KIND_CUES: Record<Exclude<SiteKind, 'landing'>, Record<Language, readonly Cue[]>> = {
  cv: {
    en: [[/\b(?:cv|resume|résumé|curriculum vitae)\b/i, 5]],
    ko: [
      [/이력서|경력\s?소개|자기\s?소개서/, 5],
      [/\b(?:cv|resume)\b/i, 5],
    ],
  },
  pricing: {
    en: [
      [/\bsaas\b/i, 3],
      [/\bpricing\s+(?:page|table|section)\b/i, 3],
      [/\b(?:subscription|subscriptions)\b/i, 2],
      [/\b(?:tiers?|plans)\b/i, 1],
      [/\bsoftware\b|\bplatform\b|\btool\b/i, 1],
    ],
    ko: [
      [/\bsaas\b/i, 3],
      [/요금제|구독/, 3],
      [/플랜|가격\s?페이지|가격표/, 2],
      [/소프트웨어|플랫폼|툴\b|서비스\s?요금/, 1],
    ],
  },
  event: {
    en: [
      [/\binvitation\b|\binvite\b/i, 3],
      [/\bwedding\b|\bgetting married\b|\bbride\b|\bgroom\b/i, 2],
      [/\brsvp\b/i, 2],
      [/\bbirthday\b|\bparty\b|\banniversary\b|\bgala\b|\breunion\b|\bbaby shower\b/i, 2],
      [/\bconference\b|\bsummit\b|\bfestival\b|\bhackathon\b/i, 3],
    ],
    ko: [
      [/청첩장|초대장|초대/, 3],
      [/결혼|웨딩|신랑|신부/, 2],
      [/생일|파티|돌잔치|기념일|송년회|환갑/, 2],
      [/컨퍼런스|콘퍼런스|세미나|축제|페스티벌|행사/, 3],
    ],
  },
  portfolio: {
    en: [
      [/\bportfolio\b/i, 3],
      [
        /\bphotographer\b|\bphotography\b|\billustrator\b|\bdesigner\b|\bartist\b|\barchitect\b|\bceramicist\b|\bpainter\b|\bvideographer\b|\bpotter\b/i,
        3,
      ],
    ],
    ko: [
      [/포트폴리오/, 3],
      [/사진작가|작가|디자이너|일러스트|건축가|화가|도예가|포토그래퍼/, 3],
    ],
  },
  restaurant: {
    en: [
      [
        /\brestaurant\b|\bcaf[eé]\b|\bcoffee\b|\bbakery\b|\bbistro\b|\bdiner\b|\bpizzeria\b|\bbrasserie\b|\btaqueria\b|\bramen\b|\bsushi\b|\bpub\b|\b(?:wine|cocktail|tapas|sake|whisky|whiskey) bar\b|\bbar\b|\btaproom\b|\bfood truck\b|\btea ?(?:house|room|shop)\b|\bpatisserie\b|\beatery\b/i,
        3,
      ],
      [/\bmenu\b|\bdishes\b|\bbrunch\b/i, 1],
    ],
    ko: [
      [
        /식당|레스토랑|카페|커피|빵집|베이커리|음식점|맛집|한식|분식|주점|술집|칵테일|와인\s?바|이자카야|펍|국밥|비스트로|디저트|찻집|베이글/,
        3,
      ],
      [/메뉴|요리/, 1],
    ],
  },
  studio: {
    en: [
      [
        /\byoga\b|\bpilates\b|\bgym\b|\bfitness\b|\bcrossfit\b|\bbarre\b|\bdance (?:studio|school|classes)\b|\bmartial arts\b|\bclimbing (?:gym|wall)\b|\bboxing\b|\bswim(?:ming)? (?:school|lessons)\b/i,
        3,
      ],
      [/\bclasses\b|\bstudio\b|\blessons\b/i, 1],
    ],
    ko: [
      [/요가|필라테스|헬스|피트니스|크로스핏|댄스|무용|태권도|복싱|클라이밍|수영/, 3],
      [/스튜디오|수업|클래스|레슨/, 1],
    ],
  },
  community: {
    en: [
      [
        /\bcommunity\b|\bclub\b|\bassociation\b|\bsociety\b|\bnon-?profit\b|\bcharity\b|\bvolunteers?\b|\bneighbou?rhood\b|\bchoir\b|\bleague\b|\ballotments?\b/i,
        3,
      ],
      [/\bgarden\b|\bmeetups?\b|\bmembers\b/i, 1],
    ],
    ko: [
      [/동호회|모임|커뮤니티|클럽|협회|봉사|텃밭|공동체|동아리|합창단/, 3],
      [/정원|회원/, 1],
    ],
  },
  product: {
    en: [
      [/\bproduct\b|\bgadget\b|\bdevice\b|\bpre-?orders?\b|\bkickstarter\b|\blaunch(?:ing)?\b/i, 3],
      [/\bapp\b|\bheadphones\b|\bbackpack\b|\bbottle\b|\blamp\b|\bkeyboard\b|\bwatch\b|\bspeaker\b|\bcamera\b/i, 1],
    ],
    ko: [
      [/제품|신제품|출시|사전\s?예약|펀딩/, 3],
      [/앱|어플|헤드폰|가방|텀블러|키보드|스피커/, 1],
    ],
  },
};

/** Kinds in tie-break order. */
const KIND_ORDER = ['cv', 'event', 'portfolio', 'restaurant', 'studio', 'community', 'pricing', 'product'] as const;

export function detectKind(text: string, lang: Language): SiteKind {
  let best: SiteKind = 'landing';
  let bestScore = 0;
  for (const kind of KIND_ORDER) {
    // Korean prompts often carry English words (SaaS, CV, brand names): read both lists.
    const cues = lang === 'ko' ? [...KIND_CUES[kind].ko, ...KIND_CUES[kind].en] : KIND_CUES[kind].en;
    const score = cues.reduce((sum, [pattern, weight]) => sum + (pattern.test(text) ? weight : 0), 0);
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  return best;
}

/** Finer topics inside a kind, first match wins; they pick the default dishes, photos, schedule and such. */
const FLAVOURS: Partial<Record<SiteKind, readonly (readonly [flavour: string, pattern: RegExp])[]>> = {
  restaurant: [
    ['korean', /\bkorean\b|\bkimchi\b|\bbibimbap\b|\bbulgogi\b|한식|비빔밥|김치|불고기|국밥|찌개|갈비|한정식/i],
    ['bakery', /\bbaker(?:y|s)\b|\bbread\b|\bsourdough\b|\bpastr(?:y|ies)\b|\bpatisserie\b|빵|베이커리|제과|베이글/i],
    ['cafe', /\bcaf[eé]\b|\bcoffee\b|\bespresso\b|\btea ?(?:house|room|shop)\b|카페|커피|찻집|디저트/i],
    ['bar', /\bbar\b|\bpub\b|\bcocktails?\b|\btaproom\b|\bwine\b|술집|주점|칵테일|와인|이자카야|펍/i],
  ],
  event: [
    ['wedding', /\bwedding\b|\bmarr(?:y|ied|iage)\b|\bbride\b|\bgroom\b|결혼|웨딩|청첩장|신랑|신부/i],
    [
      'conference',
      /\bconference\b|\bsummit\b|\bmeetup\b|\btalks?\b|\bworkshops?\b|\bhackathon\b|\bfestival\b|컨퍼런스|콘퍼런스|세미나|워크숍|축제|페스티벌/i,
    ],
    ['party', /./],
  ],
  portfolio: [
    ['photographer', /\bphotograph(?:er|y)\b|\bphotos?\b|사진|포토/i],
    ['maker', /\bceramic|\bpotter|\bjewel|\bwood|\bfurniture|도예|도자기|공예|목공/i],
  ],
  community: [
    ['garden', /\bgarden\b|\ballotments?\b|\bgrow(?:ing)?\b|텃밭|정원|가드닝/i],
    [
      'club',
      /\bclub\b|\bchess\b|\bbook\b|\brunning\b|\bhiking\b|\bchoir\b|\bleague\b|동호회|클럽|독서|러닝|등산|합창|동아리/i,
    ],
  ],
  studio: [
    ['yoga', /\byoga\b|\bpilates\b|\bbarre\b|요가|필라테스/i],
    ['dance', /\bdanc(?:e|ing)\b|\bballet\b|댄스|무용|발레/i],
  ],
};

export function detectFlavour(text: string, kind: SiteKind): string {
  return FLAVOURS[kind]?.find(([, pattern]) => pattern.test(text))?.[0] ?? 'general';
}
