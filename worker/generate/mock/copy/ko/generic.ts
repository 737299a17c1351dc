import type { SitePlan } from '../../site-plan.ts';
import { particle } from '../korean-particles.ts';
import type { KindCopy } from '../words.ts';

/** Korean copy: what every site says unless its kind or flavour says otherwise. */

const inCity = (p: SitePlan) => (p.facts.city ? `${p.facts.city}에서 ` : '');

export const koGeneric: KindCopy = {
  eyebrow: (p) => (p.facts.city ? `어서 오세요 · ${p.facts.city}` : '어서 오세요'),
  lead: (p) => `${inCity(p)}정성껏, 친절하게 일합니다. 하는 일과 연락 방법을 한눈에 보실 수 있습니다.`,
  primaryAction: 'features',
  about: (p) => ({
    title: `${p.name} 소개`,
    paragraphs: [
      `${particle(p.name, '은/는')} 한 가지를 제대로 하자는 마음에서 시작했습니다. 찾아오시는 모든 분을 단골처럼 맞이합니다.`,
      '일부러 작게 운영합니다. 그래서 언제나 일을 잘 아는 사람이 직접 응대합니다.',
    ],
  }),
  features: () => ({
    title: '이런 점이 다릅니다',
    cards: [
      { icon: '✨', title: '정성을 다합니다', text: '작은 부분까지 꼼꼼하게 챙겨 큰 차이를 만듭니다.' },
      { icon: '🤝', title: '직접 응대합니다', text: '콜센터도 깨알 같은 약관도 없습니다. 일을 아는 사람이 답합니다.' },
      { icon: '⏱️', title: '빠르게 답합니다', text: '언제 문의하셔도 영업일 기준 하루 안에 답을 드립니다.' },
    ],
  }),
  offer: () => ({
    title: '첫 방문 혜택',
    text: '처음 오시는 분께는 첫 이용을 무료로 드립니다. 방문하실 때 이 페이지를 보여 주세요.',
  }),
  menu: {
    title: '메뉴',
    groups: [
      {
        title: '추천 메뉴',
        items: [
          { name: '오늘의 특선', price: 15000 },
          { name: '제철 샐러드', price: 12000 },
          { name: '오늘의 수프', price: 8000 },
        ],
      },
    ],
  },
  gallery: {
    title: '갤러리',
    tiles: [
      { icon: '🌅', caption: '아침 풍경' },
      { icon: '🛠️', caption: '작업하는 모습' },
      { icon: '🌿', caption: '디테일' },
      { icon: '🤝', caption: '함께한 분들' },
      { icon: '🏡', caption: '우리 공간' },
      { icon: '🎉', caption: '좋은 날들' },
    ],
  },
  schedule: {
    title: '일정',
    items: [
      { time: '월–금', label: '예약 상담' },
      { time: '토요일', label: '자유 방문' },
      { time: '일요일', label: '휴무' },
    ],
  },
  hours: [
    { days: '월–금', time: '09:00–18:00' },
    { days: '토요일', time: '10:00–16:00' },
    { days: '일요일', time: '휴무' },
  ],
  team: {
    title: '함께하는 사람들',
    members: [
      { icon: '🧑‍🎨', name: '김하늘', role: '대표', bio: '처음부터 함께했고, 지금도 메일 대부분에 직접 답합니다.' },
      { icon: '🧑‍💼', name: '이도윤', role: '운영', bio: '하루하루가 매끄럽게 돌아가도록 챙깁니다.' },
      { icon: '🧑‍🔧', name: '박서진', role: '실무 책임', bio: '15년 동안 디테일을 다듬어 왔습니다.' },
    ],
  },
  pricing: {
    title: '가격',
    intro: '숨은 비용 없이 정직한 가격입니다.',
    tiers: [
      { name: '베이직', price: 50000, per: '', blurb: '꼭 필요한 것만 제대로.', features: ['1회 이용', '이메일 문의'] },
      {
        name: '스탠다드',
        price: 100000,
        per: '',
        blurb: '가장 많이 찾으시는 구성입니다.',
        features: ['3회 이용', '우선 예약', '이메일·전화 문의'],
      },
      {
        name: '프리미엄',
        price: 200000,
        per: '',
        blurb: '모든 것을 여유 있게.',
        features: ['무제한 이용', '우선 예약', '전담 담당자'],
      },
    ],
  },
  comparison: {
    title: '한눈에 비교하기',
    rows: [
      { feature: '1:1 상담', included: [true, true, true] },
      { feature: '우선 예약', included: [false, true, true] },
      { feature: '전담 담당자', included: [false, false, true] },
    ],
  },
  testimonials: {
    title: '고객 후기',
    quotes: [
      { text: '찾던 그대로였고, 생각보다 훨씬 친절했어요.', name: '김민지', detail: '2021년부터 이용' },
      { text: '빠르고 꼼꼼해서 주변에 꼭 추천합니다.', name: '정우성', detail: '단골 고객' },
      { text: '두 번째 방문에 이름을 기억해 주셨어요. 그걸로 충분합니다.', name: '최수아', detail: '이웃 주민' },
    ],
  },
  faq: (p) => [
    {
      q: '예약은 어떻게 하나요?',
      a: p.facts.emails[0]
        ? `${p.facts.emails[0]}로 메일을 보내 주시면 하루 안에 답을 드립니다.`
        : '페이지 아래 연락처로 문의해 주시면 하루 안에 답을 드립니다.',
    },
    { q: '일정을 바꾸거나 취소할 수 있나요?', a: '네. 24시간 전까지 알려 주시면 비용 없이 변경·취소할 수 있습니다.' },
    { q: '선물용 상품권이 있나요?', a: '원하시는 금액으로 만들어 드립니다. 문의하시면 당일에 보내 드립니다.' },
  ],
  experience: (p) => ({
    title: '경력',
    jobs: [
      {
        title: p.facts.role ? `시니어 ${p.facts.role}` : '팀 리드',
        place: '노스윈드 스튜디오',
        years: '2021 – 현재',
        points: [
          '세 개 제품에 걸쳐 다섯 명의 팀을 이끌고 있습니다.',
          '프로세스를 단순하게 바꿔 납기를 3분의 1 줄였습니다.',
        ],
      },
      {
        title: p.facts.role ?? '실무 담당',
        place: '블루버드 컴퍼니',
        years: '2017 – 2021',
        points: [
          '기획부터 출시까지 프로젝트를 맡아 진행했습니다.',
          '후배 네 명을 멘토링했고, 그중 둘은 지금 팀을 이끌고 있습니다.',
        ],
      },
      {
        title: '주니어',
        place: '하버 파트너스',
        years: '2014 – 2017',
        points: ['실제 고객 프로젝트를 하며 기본기를 다졌습니다.'],
      },
    ],
  }),
  skills: (p) => ({
    title: '기술과 역량',
    skills: p.facts.skills.length
      ? p.facts.skills
      : ['명확한 글쓰기', '프로젝트 관리', '이해관계자 소통', '멘토링', '문제 해결'],
  }),
};
