import type { SitePlan } from '../../site-plan.ts';
import { particle } from '../korean-particles.ts';
import type { CommonWords } from '../words.ts';

const place = (p: SitePlan) => p.facts.city;

export const koCommon: CommonWords = {
  lang: 'ko',
  kindNames: {
    landing: '한 페이지 사이트',
    portfolio: '포트폴리오',
    event: '행사 안내 페이지',
    pricing: '요금 안내 페이지',
    restaurant: '한 페이지 사이트',
    cv: '이력서 페이지',
    product: '제품 소개 페이지',
    community: '모임 사이트',
    studio: '스튜디오 사이트',
  },
  navLabel: '주 메뉴',
  skipLink: '본문으로 건너뛰기',
  navNames: {
    about: '소개',
    offer: '혜택',
    menu: '메뉴',
    gallery: '갤러리',
    features: '특징',
    experience: '경력',
    skills: '기술',
    schedule: '일정',
    team: '팀',
    pricing: '가격',
    comparison: '비교',
    hours: '영업시간',
    testimonials: '후기',
    faq: '자주 묻는 질문',
    location: '오시는 길',
    rsvp: '참석 회신',
    contact: '연락처',
  },
  actions: {
    about: '소개 보기',
    offer: '혜택 보기',
    menu: '메뉴 보기',
    gallery: '갤러리 보기',
    features: '자세히 보기',
    experience: '경력 보기',
    skills: '기술 보기',
    schedule: '일정 보기',
    team: '팀 소개',
    pricing: '가격 보기',
    comparison: '요금제 비교',
    hours: '영업시간 보기',
    testimonials: '후기 보기',
    faq: '자주 묻는 질문',
    location: '오시는 길',
    rsvp: '참석 여부 알리기',
    contact: '문의하기',
  },
  secondaryAction: '연락처',
  sectionTitles: {
    hours: '영업시간',
    location: '오시는 길',
    contact: '문의하기',
    faq: '자주 묻는 질문',
    rsvp: '참석 여부를 알려 주세요',
  },
  contact: {
    intro: (p) =>
      p.kind === 'cv'
        ? '새로운 기회와 흥미로운 프로젝트를 기다리고 있습니다. 가장 빠른 연락 방법입니다.'
        : `문의, 예약, 간단한 인사까지 ${particle(p.name, '은/는')} 언제나 반갑습니다.`,
    email: '이메일',
    phone: '전화',
    address: '주소',
    ask: (p) =>
      p.kind === 'pricing' || p.kind === 'product'
        ? '주말을 포함해 모든 문의에 영업일 기준 하루 안에 답을 드립니다.'
        : place(p)
          ? `${place(p)!}에 오시면 편하게 들러 주세요. 무엇이든 직접 물어보셔도 좋습니다.`
          : '편하게 들러 주세요. 무엇이든 직접 물어보셔도 좋습니다.',
  },
  hours: {
    days: '요일',
    time: '시간',
    everyDay: '매일',
    closed: '휴무',
    note: '명절과 공휴일에는 시간이 바뀔 수 있으며, 매장 입구에 미리 안내합니다.',
  },
  location: {
    intro: (p) =>
      p.facts.venue
        ? `${p.facts.venue}에서 만나요.`
        : p.facts.address
          ? `${place(p) ? `${place(p)!} ` : ''}찾기 쉬운 곳에 있으며, 대중교통으로 오시기 편합니다.`
          : place(p)
            ? `${place(p)!} 중심가에 있습니다.`
            : '동네 한가운데, 찾기 쉬운 곳에 있습니다.',
    openMap: 'OpenStreetMap에서 지도 보기',
    mapLabel: (where) => `${where} 지도`,
  },
  rsvp: {
    text: (p) =>
      `${p.facts.deadline ? `${p.facts.deadline}까지 ` : ''}참석 여부를 회신해 주시면 감사하겠습니다. 못 드시는 음식이 있다면 함께 적어 주세요.`,
    button: '이메일로 회신하기',
    subject: (p) => `참석 회신: ${p.name}`,
    noEmail: '이 페이지를 보내 드린 분께 메시지로 알려 주시면 됩니다.',
  },
  event: { when: '일시', where: '장소' },
  comparison: { feature: '기능', included: '포함', notIncluded: '미포함' },
  pricing: { popular: '가장 인기', free: '무료', onRequest: '별도 문의', choose: '시작하기' },
  schedule: { time: '시간', what: '내용' },
  footer: (p) => `© ${p.name}${place(p) ? ` · ${place(p)!}` : ''}`,
  summary: (p, sections) => `${p.name}: ${sections.join(', ')} 섹션이 있는 ${koCommon.kindNames[p.kind]}입니다.`,
  revision: {
    added: (names) => `${names.join(', ')} 섹션을 추가했습니다.`,
    removed: (names) => `${names.join(', ')} 섹션을 뺐습니다.`,
    pricesRemoved: '가격을 모두 뺐습니다.',
    dark: '어두운 테마로 바꿨습니다.',
    light: '밝은 테마로 바꿨습니다.',
    colour: '강조 색을 바꿨습니다.',
    renamed: (name) => `사이트 이름을 ${particle(name, '으로/로')} 바꿨습니다.`,
    contactUpdated: '연락처를 고쳤습니다.',
    hoursUpdated: '영업시간을 고쳤습니다.',
    nothing:
      '무엇을 바꿀지 알아듣지 못해 페이지를 그대로 두었습니다. "FAQ 추가해 줘", "어둡게 해 줘", "가격 빼 줘"처럼 말씀해 주세요.',
  },
  formatPrice: (amount, currency) => {
    const number = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 2 }).format(amount);
    return currency === '원' ? `${number}원` : `${currency}${number}`;
  },
  custom: (topic, p) => ({
    title: topic,
    text: `${topic}에 대해 궁금하신가요? 다음에 들르실 때 물어보시거나 연락 주세요. ${particle(p.name, '이/가')} 기쁘게 이야기해 드리겠습니다.`,
  }),
};
