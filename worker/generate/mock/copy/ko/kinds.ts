import type { SiteKind, SitePlan } from '../../site-plan.ts';
import { particle } from '../korean-particles.ts';
import type { KindCopy } from '../words.ts';

/** Korean copy for each kind of site, over the generic copy (generic.ts). */

const inCity = (p: SitePlan) => (p.facts.city ? `${p.facts.city}에서 ` : '');
const eventDate = (p: SitePlan) => p.facts.dates[0];

export const koKinds: Record<SiteKind, Partial<KindCopy>> = {
  landing: {},
  portfolio: {
    eyebrow: (p) => [p.facts.role ?? '포트폴리오', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${inCity(p)}작업하는 ${p.name}의 작품들입니다. 천천히 둘러보시고 프로젝트 이야기를 나눠 주세요.`,
    primaryAction: 'gallery',
    about: (p) => ({
      title: '소개',
      paragraphs: [
        `${particle(p.name, '은/는')} 디테일을 아끼는 분들과 일합니다. 모든 작업은 대화로 시작해, 자랑하고 싶은 결과물로 끝납니다.`,
        '분명한 계획, 합리적인 가격, 그리고 중간에 놀랄 일 없는 진행을 약속합니다.',
      ],
    }),
    gallery: {
      title: '대표 작업',
      tiles: [
        { icon: '🎨', caption: '브랜드 아이덴티티, 2024' },
        { icon: '📐', caption: '스튜디오 인테리어' },
        { icon: '📚', caption: '에디토리얼 시리즈' },
        { icon: '🖼️', caption: '전시 포스터' },
        { icon: '🧵', caption: '텍스타일 연구' },
        { icon: '🪴', caption: '개인 작업' },
      ],
    },
    features: () => ({
      title: '작업 방식',
      cards: [
        { icon: '💬', title: '상담', text: '무엇이 필요하고 비용이 얼마인지, 시작 전에 함께 정리합니다.' },
        { icon: '✏️', title: '맞춤 작업', text: '두 번의 수정이 기본으로 포함됩니다.' },
        { icon: '📦', title: '납품', text: '약속한 날짜에 최종 파일이나 완성품을 전해 드립니다.' },
      ],
    }),
    testimonials: {
      title: '고객 후기',
      quotes: [
        { text: '말로 설명하기도 전에 원하는 걸 알아주셨어요.', name: '한지민·이준호', detail: '2024년 고객' },
        {
          text: '차분하고 프로페셔널해서 함께 일하는 내내 즐거웠습니다.',
          name: '송미경',
          detail: '크리에이티브 디렉터',
        },
        { text: '약속보다 일찍, 기대보다 훨씬 좋게 나왔습니다.', name: '오재현', detail: '2023년 고객' },
      ],
    },
  },
  event: {
    eyebrow: (p) => [eventDate(p), p.facts.venue ?? p.facts.city].filter(Boolean).join(' · ') || '초대합니다',
    lead: (p) =>
      `${eventDate(p) ? `${eventDate(p)!} ` : ''}${p.facts.startTime ? `${p.facts.startTime}, ` : ''}${p.facts.venue ? `${p.facts.venue}에서` : p.facts.city ? `${p.facts.city}에서` : ''} 소중한 분들을 모십니다. 꼭 함께해 주세요.`.trim(),
    primaryAction: 'rsvp',
    about: (p) => ({
      title: '초대의 글',
      paragraphs: [
        '사랑하는 분들과 오래 기억될 하루를 함께하고 싶습니다. 귀한 걸음 해 주시면 큰 기쁨이겠습니다.',
        `${eventDate(p) ? `${eventDate(p)!}, 날짜를 꼭 비워 두세요. ` : ''}일정과 장소, 회신 방법은 아래에 있습니다.`,
      ],
    }),
    schedule: {
      title: '진행 순서',
      items: [
        { time: '오후 4시', label: '입장' },
        { time: '오후 4시 30분', label: '환영 인사와 건배' },
        { time: '오후 6시', label: '식사' },
        { time: '오후 8시', label: '음악과 춤' },
      ],
    },
    faq: (p) => [
      { q: '복장은 어떻게 하면 될까요?', a: '단정하고 편한 차림이면 충분합니다. 춤추기 편한 신발을 추천합니다.' },
      {
        q: '동반인과 함께 가도 되나요?',
        a: '초대장에 동반인이 적혀 있다면 물론입니다. 잘 모르시겠으면 편하게 물어봐 주세요.',
      },
      {
        q: '주차할 수 있나요?',
        a: p.facts.venue
          ? `네, ${p.facts.venue}에 하객 무료 주차가 가능합니다.`
          : '네, 가까운 곳에 무료 주차장이 있습니다.',
      },
    ],
  },
  pricing: {
    eyebrow: () => '요금제',
    lead: (p) =>
      `${particle(p.name, '은/는')} 팀과 함께 자랍니다. 무료로 시작하고, 필요할 때 업그레이드하고, 언제든 해지할 수 있습니다.`,
    primaryAction: 'pricing',
    features: (p) => ({
      title: `많은 팀이 ${particle(p.name, '을/를')} 고르는 이유`,
      cards: [
        { icon: '⚡', title: '몇 분이면 시작', text: '팀원을 초대하고 기존 작업을 한나절 만에 옮겨 옵니다.' },
        { icon: '🔒', title: '기본부터 안전하게', text: 'SSO, 감사 로그, 매일 암호화 백업을 제공합니다.' },
        { icon: '📈', title: '규모에 맞게 확장', text: '세 명에서 삼백 명이 되어도 도구를 바꿀 필요가 없습니다.' },
      ],
    }),
    pricing: {
      title: '팀에 맞는 요금제',
      intro: '모든 요금제에 무제한 프로젝트와 14일 무료 체험이 포함됩니다. 사용자 1명당 월 요금입니다.',
      tiers: [
        {
          name: '스타터',
          price: 0,
          per: '사용자당 / 월',
          blurb: '혼자 또는 작은 팀으로 시작할 때.',
          features: ['프로젝트 3개까지', '기본 리포트', '커뮤니티 지원'],
        },
        {
          name: '프로',
          price: 15000,
          per: '사용자당 / 월',
          blurb: '성장하는 팀을 위한 더 많은 기능.',
          features: ['무제한 프로젝트', '고급 리포트', '외부 서비스 연동', '이메일 지원'],
        },
        {
          name: '비즈니스',
          price: 35000,
          per: '사용자당 / 월',
          blurb: '보안이 중요한 조직을 위해.',
          features: ['프로의 모든 기능', 'SSO', '감사 로그', '우선 지원'],
        },
      ],
    },
    comparison: {
      title: '요금제 비교',
      rows: [
        { feature: '무제한 프로젝트', included: [false, true, true] },
        { feature: '고급 리포트', included: [false, true, true] },
        { feature: '외부 서비스 연동', included: [false, true, true] },
        { feature: 'SSO', included: [false, false, true] },
        { feature: '감사 로그', included: [false, false, true] },
        { feature: '우선 지원', included: [false, false, true] },
      ],
    },
    faq: () => [
      { q: '무료 체험이 있나요?', a: '네. 모든 유료 요금제는 카드 등록 없이 14일 동안 무료로 써 보실 수 있습니다.' },
      {
        q: '나중에 요금제를 바꿀 수 있나요?',
        a: '언제든 가능합니다. 업그레이드는 바로, 다운그레이드는 결제 주기가 끝날 때 적용됩니다.',
      },
      { q: '할인이 있나요?', a: '연간 결제 시 두 달이 무료입니다. 비영리 단체와 학교는 50% 할인됩니다.' },
      {
        q: '해지하면 데이터는 어떻게 되나요?',
        a: '해지 후 30일 동안 모든 데이터를 내려받을 수 있고, 그 뒤에 삭제됩니다.',
      },
    ],
  },
  restaurant: {
    eyebrow: (p) => ['우리 동네 식당', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${inCity(p)}제철 재료로 정성껏 차린 한 끼를 대접합니다. 든든하게 드시고 가세요.`,
    primaryAction: 'menu',
    about: (p) => ({
      title: '우리 이야기',
      paragraphs: [
        `${particle(p.name, '은/는')} 동네 식당입니다. 제철 재료를 아는 농가에서 받아 오고, 가격은 합리적으로 지킵니다.`,
        '간단한 점심도, 친구들과 오래 머무는 저녁도 언제나 환영합니다.',
      ],
    }),
    menu: {
      title: '메뉴',
      groups: [
        {
          title: '식사',
          items: [
            { name: '오늘의 정식', price: 12000 },
            { name: '제육볶음', price: 11000 },
            { name: '버섯 리소토', price: 15000, note: '채식' },
          ],
        },
        {
          title: '후식',
          items: [
            { name: '수제 푸딩', price: 5000 },
            { name: '계절 과일', price: 6000 },
          ],
        },
      ],
    },
    hours: [
      { days: '월요일', time: '휴무' },
      { days: '화–목', time: '11:30–21:30' },
      { days: '금–토', time: '11:30–22:30' },
      { days: '일요일', time: '11:30–17:00' },
    ],
    gallery: {
      title: '주방에서',
      tiles: [
        { icon: '🍲', caption: '따끈한 국물' },
        { icon: '🥗', caption: '제철 채소' },
        { icon: '🍶', caption: '전통주' },
        { icon: '🔥', caption: '오픈 키친' },
        { icon: '🍡', caption: '후식' },
        { icon: '🪑', caption: '홀 풍경' },
      ],
    },
    faq: (p) => [
      {
        q: '예약이 되나요?',
        a: p.facts.phones[0]
          ? `네, ${p.facts.phones[0]}로 전화 주세요. 예약 없이 오셔도 환영합니다.`
          : '네, 예약 없이 오셔도 환영합니다.',
      },
      { q: '알레르기가 있는데 괜찮을까요?', a: '주문하실 때 말씀해 주시면 대부분의 메뉴를 맞춰 드릴 수 있습니다.' },
      { q: '단체 예약도 되나요?', a: '20명까지 가능합니다. 며칠 전에 미리 알려 주세요.' },
    ],
    testimonials: {
      title: '손님 후기',
      quotes: [
        { text: '친구들에게 알려 주고 싶으면서도 너무 붐빌까 걱정되는 곳이에요.', name: '윤서연', detail: '단골 손님' },
        { text: '음식 하나하나에 정성이 느껴졌어요. 직원분들도 친절해요.', name: '강민호', detail: '봄에 방문' },
        {
          text: '이제 금요일 저녁은 여기서 먹는 게 우리 가족 전통이 됐어요.',
          name: '오씨네 가족',
          detail: '이웃 주민',
        },
      ],
    },
  },
  cv: {
    eyebrow: (p) => [p.facts.role ?? '이력서', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) =>
      `${p.facts.role ? `${p.facts.role}로서 ` : ''}복잡한 문제를 명확한 결과로 바꾸는 일을 합니다. 같은 일을 즐기는 사람들과 일하고 싶습니다.`,
    primaryAction: 'experience',
    about: (p) => ({
      title: '프로필',
      paragraphs: [
        `${p.facts.city ? `${p.facts.city}에서 일하는 ` : ''}${p.facts.role ? `${p.facts.role} ` : ''}${p.name}입니다. 쓰는 사람에게 의미 있는 일을 좋아하고, 정말 그런지 측정하는 것도 좋아합니다.`,
        '프로젝트를 처음부터 끝까지 이끌었고, 동료를 멘토링했으며, 남들이 복잡하게 만든 것을 단순하게 정리해 왔습니다.',
      ],
    }),
  },
  product: {
    eyebrow: () => '신제품',
    lead: (p) => `${p.name}, 매일 손이 가는 단순하고 잘 만든 물건입니다. 세심하게 설계하고 오래 쓰도록 만들었습니다.`,
    primaryAction: 'features',
    features: () => ({
      title: '이래서 좋아하실 거예요',
      cards: [
        { icon: '🪶', title: '가볍고 튼튼하게', text: '재활용 소재로 만들어 더 오래 갑니다.' },
        { icon: '🔋', title: '일주일 가는 배터리', text: '한 번 충전하면 보통 일주일을 씁니다.' },
        { icon: '♻️', title: '고쳐 쓰는 제품', text: '모든 부품을 교체할 수 있고, 부품은 원가에 판매합니다.' },
      ],
    }),
    about: (p) => ({
      title: '이렇게 사용합니다',
      paragraphs: [
        `상자에서 꺼내면 바로 쓸 수 있습니다. ${particle(p.name, '은/는')} 회원 가입도, 복잡한 설정도 필요 없습니다.`,
        '출고 전 모든 제품을 손으로 검수하고, 2년 동안 무상 보증합니다.',
      ],
    }),
    pricing: {
      title: '구매하기',
      intro: '모든 주문 무료 배송, 30일 이내 반품 가능합니다.',
      tiers: [
        {
          name: '기본 구성',
          price: 159000,
          per: '',
          blurb: '시작에 필요한 모든 것.',
          features: ['본품', '충전 케이블', '2년 보증'],
        },
        {
          name: '번들 구성',
          price: 219000,
          per: '',
          blurb: '모든 걸 갖추고 싶은 분께.',
          features: ['기본 구성 전체', '휴대용 케이스', '예비 부품 키트'],
        },
      ],
    },
    faq: () => [
      { q: '언제 배송되나요?', a: '오후 2시 전 주문은 당일 출고됩니다.' },
      { q: '고장 나면 어떻게 하나요?', a: '2년 동안 무상 보증되며, 모든 부품을 수리할 수 있습니다.' },
      { q: '반품할 수 있나요?', a: '네, 30일 이내라면 이유와 관계없이 반품할 수 있습니다.' },
    ],
  },
  community: {
    eyebrow: (p) => ['누구나 환영합니다', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) =>
      `${particle(p.name, '은/는')} ${inCity(p)}이웃을 잇는 모임입니다. 경험이 없어도 괜찮으니 편하게 오세요.`,
    primaryAction: 'schedule',
    about: (p) => ({
      title: '우리는요',
      paragraphs: [
        `${particle(p.name, '은/는')} 자원봉사자들이 꾸려 가는 모임입니다. 정기적으로 만나 아는 것을 나누고 서로를 챙깁니다.`,
        '새로운 얼굴은 언제나 반갑습니다. 어느 모임에든 오셔서 인사해 주세요.',
      ],
    }),
    features: () => ({
      title: '함께하는 방법',
      cards: [
        { icon: '👋', title: '그냥 오세요', text: '신청 없이 어느 모임에든 참여할 수 있습니다.' },
        { icon: '🙋', title: '봉사하기', text: '시간 날 때 한 시간이면 충분합니다.' },
        { icon: '💌', title: '소식 받기', text: '일정과 소식을 담은 짧은 월간 소식지를 보내 드립니다.' },
      ],
    }),
    pricing: {
      title: '회원 안내',
      intro: '회비는 모임을 꾸리는 데 쓰입니다. 회비를 내지 못해도 누구든 함께할 수 있습니다.',
      tiers: [
        {
          name: '방문 회원',
          price: 0,
          per: '',
          blurb: '먼저 와서 분위기를 느껴 보세요.',
          features: ['열린 모임 참여', '월간 소식지'],
        },
        {
          name: '정회원',
          price: 10000,
          per: '연',
          blurb: '꾸준히 함께하고 싶은 분께.',
          features: ['방문 회원 혜택 전체', '연례 총회 투표권', '회원 행사'],
        },
        {
          name: '후원 회원',
          price: 30000,
          per: '연',
          blurb: '다른 이웃의 회비까지 함께 내 주시는 분.',
          features: ['정회원 혜택 전체', '소식지에 감사 인사'],
        },
      ],
    },
    schedule: {
      title: '다가오는 일정',
      items: [
        { time: '매월 첫째 토요일 오전 10시', label: '정기 모임' },
        { time: '매주 수요일 오후 6시', label: '열린 저녁' },
        { time: '매월 마지막 일요일 오후 2시', label: '가족 모임' },
      ],
    },
    faq: () => [
      { q: '회원이어야 하나요?', a: '아니요. 누구나 참여할 수 있습니다. 회원 등록은 준비에 도움이 될 뿐입니다.' },
      { q: '회비가 있나요?', a: '참여는 무료입니다. 후원은 운영에 큰 힘이 되지만 부담 갖지 않으셔도 됩니다.' },
      { q: '아이와 함께 가도 되나요?', a: '네, 보호자와 함께라면 환영합니다. 가족 대상 행사도 많습니다.' },
    ],
  },
  studio: {
    eyebrow: (p) => ['모든 수준을 위한 수업', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${inCity(p)}소규모 수업, 좋은 강사, 차분한 공간. 첫 수업부터 편하게 시작하세요.`,
    primaryAction: 'schedule',
    about: (p) => ({
      title: '스튜디오 소개',
      paragraphs: [
        `${particle(p.name, '은/는')} 밝고 조용한 공간에서 소규모로 수업합니다. 강사가 여러분의 이름과 몸의 습관을 기억합니다.`,
        '모든 수업에 초보자도 참여할 수 있고, 매트와 수건, 차는 무료로 준비되어 있습니다.',
      ],
    }),
    schedule: {
      title: '주간 시간표',
      items: [
        { time: '월 07:00', label: '모닝 플로우' },
        { time: '화 18:30', label: '근력과 가동성' },
        { time: '수 12:15', label: '점심 스트레칭' },
        { time: '목 19:00', label: '느린 회복 수업' },
        { time: '토 09:30', label: '입문 수업' },
      ],
    },
    team: {
      title: '강사 소개',
      members: [
        {
          icon: '🧘',
          name: '정하은',
          role: '대표 강사',
          bio: '12년째 가르치고 있으며, 느리지만 단단한 수업을 좋아합니다.',
        },
        { icon: '🤸', name: '박준서', role: '가동성 코치', bio: '물리치료사 출신으로 어려운 동작도 쉽게 알려 줍니다.' },
        { icon: '🌿', name: '이지우', role: '회복 수업', bio: '차분한 목소리와 따뜻한 담요로 깊은 휴식을 돕습니다.' },
      ],
    },
    pricing: {
      title: '수강료',
      intro: '가입비가 없고, 수강권은 기한 없이 쓸 수 있습니다.',
      tiers: [
        {
          name: '1회권',
          price: 25000,
          per: '1회',
          blurb: '원할 때 자유롭게.',
          features: ['모든 수업', '매트·수건 포함'],
        },
        {
          name: '10회권',
          price: 200000,
          per: '',
          blurb: '가장 많이 찾는 수강권입니다.',
          features: ['10회 수업', '친구와 함께 사용', '기한 없음'],
        },
        {
          name: '무제한',
          price: 160000,
          per: '월',
          blurb: '꾸준히 오시는 분께.',
          features: ['모든 수업', '워크숍 무료', '매달 게스트 1회'],
        },
      ],
    },
    offer: () => ({
      title: '첫 수업은 무료입니다',
      text: '처음 오셨나요? 원하는 수업 하나를 무료로 들어 보세요. 10분 일찍 오시면 공간을 안내해 드립니다.',
    }),
    faq: () => [
      {
        q: '한 번도 안 해 봤는데 괜찮을까요?',
        a: '물론입니다. 모든 수업에 초보자용 동작이 있고, 토요일 입문 수업은 처음 오시는 분을 위한 수업입니다.',
      },
      { q: '무엇을 챙겨 가면 되나요?', a: '편한 옷과 물이면 됩니다. 매트, 수건, 샤워실이 준비되어 있습니다.' },
      { q: '예약은 어떻게 하나요?', a: '그냥 오셔도 되고, 붐비는 수업은 미리 연락 주시면 자리를 맡아 드립니다.' },
    ],
  },
};
