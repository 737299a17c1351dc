import type { SitePlan } from '../../site-plan.ts';
import { particle } from '../korean-particles.ts';
import type { KindCopy } from '../words.ts';

/** Korean copy for topics inside a kind (a café is a restaurant with a different menu). */

const inCity = (p: SitePlan) => (p.facts.city ? `${p.facts.city}에서 ` : '');
const couple = (p: SitePlan) => (p.facts.people.length === 2 ? `${p.facts.people[0]!}, ${p.facts.people[1]!}` : p.name);
const eventDate = (p: SitePlan) => p.facts.dates[0];

export const koFlavours: Record<string, Partial<KindCopy>> = {
  'restaurant/cafe': {
    eyebrow: (p) => ['커피와 디저트', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${inCity(p)}스페셜티 커피와 갓 구운 빵, 느긋한 아침을 준비합니다. 편하게 앉아 쉬어 가세요.`,
    about: (p) => ({
      title: '우리 이야기',
      paragraphs: [
        `${particle(p.name, '은/는')} 큰 창이 있는 작은 카페입니다. 원두를 조금씩 볶고, 매일 아침 빵을 굽고, 손님 대부분의 이름을 압니다.`,
        '책 한 권, 친구 한 명, 노트북 한 대와 함께 오세요. 와이파이는 무료이고 리필은 저렴합니다.',
      ],
    }),
    menu: {
      title: '메뉴',
      groups: [
        {
          title: '커피',
          items: [
            { name: '에스프레소', price: 4000 },
            { name: '아메리카노', price: 4500 },
            { name: '카페 라테', price: 5000 },
            { name: '콜드브루', price: 5500 },
          ],
        },
        {
          title: '베이커리',
          items: [
            { name: '버터 크루아상', price: 4200 },
            { name: '에그타르트', price: 3000 },
            { name: '바나나 브레드', price: 4500, note: '따뜻하게 데워 가염 버터와 함께' },
            { name: '아보카도 토스트', price: 9500 },
          ],
        },
      ],
    },
    hours: [
      { days: '월–금', time: '07:30–20:00' },
      { days: '토–일', time: '09:00–21:00' },
    ],
    gallery: {
      title: '카페 풍경',
      tiles: [
        { icon: '☕', caption: '아침의 한 잔' },
        { icon: '🥐', caption: '갓 구운 빵' },
        { icon: '📚', caption: '책 읽는 자리' },
        { icon: '🌿', caption: '창가 자리' },
        { icon: '🍰', caption: '주말 케이크' },
        { icon: '🫘', caption: '직접 볶은 원두' },
      ],
    },
  },
  'restaurant/bakery': {
    eyebrow: (p) => ['동네 빵집', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${inCity(p)}해 뜨기 전에 구운 천연발효 빵과 버터 향 가득한 페이스트리를 만납니다.`,
    about: (p) => ({
      title: '우리 이야기',
      paragraphs: [
        `${particle(p.name, '은/는')} 새벽 네 시에 오븐을 켭니다. 유기농 밀가루와 긴 발효 시간, 이름 모를 첨가물은 쓰지 않습니다.`,
        '일찍 오실수록 고를 빵이 많습니다. 마감 후 남은 빵은 동네 푸드뱅크에 나눕니다.',
      ],
    }),
    hours: [
      { days: '월요일', time: '휴무' },
      { days: '화–토', time: '07:00–19:00' },
      { days: '일요일', time: '08:00–15:00' },
    ],
    menu: {
      title: '오늘의 빵',
      groups: [
        {
          title: '식사빵',
          items: [
            { name: '천연발효 사워도우', price: 8000 },
            { name: '통밀 호밀빵', price: 7000 },
            { name: '바게트', price: 4500 },
          ],
        },
        {
          title: '페이스트리',
          items: [
            { name: '버터 크루아상', price: 4200 },
            { name: '소금빵', price: 3200 },
            { name: '시나몬롤', price: 4800 },
            { name: '레몬 타르트', price: 5500 },
          ],
        },
      ],
    },
  },
  'restaurant/bar': {
    eyebrow: (p) => ['칵테일과 안주', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) =>
      `${inCity(p)}은은한 조명과 좋은 음악, 정성껏 만든 한 잔을 준비합니다. 한 잔으로 시작해 저녁을 보내고 가세요.`,
    about: (p) => ({
      title: '우리 이야기',
      paragraphs: [
        `${particle(p.name, '은/는')} 긴 바 테이블이 있는 작은 바입니다. 시럽과 비터스를 직접 만들고, 지역 맥주와 내추럴 와인, 가벼운 안주를 냅니다.`,
        '예약 없이 오셔도 좋고, 여섯 분 이상은 미리 알려 주세요.',
      ],
    }),
    menu: {
      title: '음료',
      groups: [
        {
          title: '칵테일',
          items: [
            { name: '네그로니', price: 16000 },
            { name: '올드 패션드', price: 17000 },
            { name: '진토닉', price: 14000, note: '직접 만든 토닉워터' },
            { name: '계절 스프리츠', price: 15000 },
          ],
        },
        {
          title: '안주',
          items: [
            { name: '마리네이드 올리브', price: 7000 },
            { name: '치즈 플래터', price: 22000 },
            { name: '트러플 감자튀김', price: 12000 },
          ],
        },
      ],
    },
    hours: [
      { days: '일–월', time: '휴무' },
      { days: '화–목', time: '18:00–24:00' },
      { days: '금–토', time: '18:00–02:00' },
    ],
  },
  'restaurant/korean': {
    eyebrow: (p) => ['한식당', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${inCity(p)}집밥처럼 정갈한 한식을 차립니다. 보글보글 찌개와 매일 새로 무친 반찬이 기다립니다.`,
    about: (p) => ({
      title: '우리 이야기',
      paragraphs: [
        `${particle(p.name, '은/는')} 어머니의 손맛을 기억하는 한식당입니다. 장은 직접 담그고, 반찬은 매일 아침 새로 만듭니다.`,
        '혼자 드시는 점심도, 가족 모임도 편안하게 즐기실 수 있습니다.',
      ],
    }),
    menu: {
      title: '메뉴',
      groups: [
        {
          title: '식사',
          items: [
            { name: '비빔밥', price: 12000, note: '제철 나물과 달걀, 고추장' },
            { name: '김치찌개', price: 9000 },
            { name: '된장찌개', price: 9000 },
            { name: '불고기 정식', price: 15000 },
          ],
        },
        {
          title: '함께 나눠요',
          items: [
            { name: '해물파전', price: 16000 },
            { name: '떡볶이', price: 8000 },
          ],
        },
      ],
    },
  },
  'event/wedding': {
    eyebrow: (p) => [eventDate(p), p.facts.venue ?? p.facts.city].filter(Boolean).join(' · ') || '결혼합니다',
    lead: (p) =>
      `${couple(p)} 두 사람이 ${eventDate(p) ? `${eventDate(p)!} ` : ''}${p.facts.startTime ? `${p.facts.startTime}에 ` : ''}${p.facts.venue ? `${p.facts.venue}에서 ` : ''}결혼합니다. 귀한 걸음으로 축복해 주세요.`,
    about: (p) => ({
      title: '초대의 글',
      paragraphs: [
        `서로가 마주 보며 다져 온 사랑을 이제 함께 한곳을 바라보며 걸어가려 합니다. ${couple(p)} 두 사람의 새로운 시작을 함께해 주세요.`,
        '맛있는 식사와 짧은 인사말, 늦게까지 이어지는 음악을 준비했습니다.',
      ],
    }),
    schedule: {
      title: '예식 순서',
      items: [
        { time: '오후 1시', label: '예식' },
        { time: '오후 2시', label: '가족·친지 사진 촬영' },
        { time: '오후 2시 30분', label: '피로연' },
        { time: '오후 4시', label: '2부 파티' },
      ],
    },
    faq: (p) => [
      { q: '복장은 어떻게 하면 될까요?', a: '단정한 세미 정장이면 충분합니다.' },
      { q: '화환은 받으시나요?', a: '마음만 감사히 받겠습니다. 와 주시는 것이 가장 큰 선물입니다.' },
      { q: '아이와 함께 가도 되나요?', a: '네, 아이들을 위한 자리와 놀이도 준비했습니다.' },
      {
        q: '주차할 수 있나요?',
        a: p.facts.venue
          ? `네, ${p.facts.venue}에서 하객 주차를 2시간 무료로 지원합니다.`
          : '네, 예식장에서 하객 주차를 2시간 무료로 지원합니다.',
      },
    ],
  },
  'event/conference': {
    eyebrow: (p) => [eventDate(p), p.facts.venue ?? p.facts.city].filter(Boolean).join(' · ') || '컨퍼런스',
    lead: (p) =>
      `${eventDate(p) ? `${eventDate(p)!}, ` : ''}${p.facts.venue ? `${p.facts.venue}에서 ` : inCity(p)}강연과 워크숍, 그리고 좋은 만남이 있는 하루를 엽니다.`,
    primaryAction: 'schedule',
    about: (p) => ({
      title: '행사 소개',
      paragraphs: [
        `${particle(p.name, '은/는')} 현업에서 일하는 사람들이 모이는 하루짜리 행사입니다. 실전 강연과 직접 해 보는 워크숍, 그리고 충분한 네트워킹 시간이 있습니다.`,
        '티켓에는 점심, 종일 커피, 저녁 리셉션이 포함됩니다.',
      ],
    }),
    schedule: {
      title: '프로그램',
      items: [
        { time: '09:00', label: '등록과 커피' },
        { time: '09:30', label: '기조연설' },
        { time: '11:00', label: '강연 (2개 트랙)' },
        { time: '12:30', label: '점심' },
        { time: '14:00', label: '워크숍' },
        { time: '17:00', label: '마무리 패널과 리셉션' },
      ],
    },
    faq: () => [
      { q: '강연 영상이 제공되나요?', a: '네, 티켓 구매자에게 2주 안에 녹화 영상을 보내 드립니다.' },
      { q: '휠체어로 이동할 수 있나요?', a: '행사장 전체에 턱이 없고, 조용한 휴게실과 실시간 자막을 제공합니다.' },
      { q: '환불이 되나요?', a: '행사 14일 전까지 전액 환불되며, 그 이후에는 티켓 양도가 가능합니다.' },
    ],
  },
  'event/party': {
    about: (p) => ({
      title: '파티 안내',
      paragraphs: [
        `${p.name}: 좋은 사람들, 맛있는 음식, 그리고 늦게까지 이어지는 음악.`,
        '편한 차림으로 오세요. 선물은 필요 없습니다. 와 주시는 것이 선물입니다.',
      ],
    }),
  },
  'portfolio/photographer': {
    eyebrow: (p) => [p.facts.role ?? '사진', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${inCity(p)}꾸미지 않은 자연스러운 순간을 담습니다. 촬영 날은 편안하게, 사진은 평생 아름답게.`,
    gallery: {
      title: '갤러리',
      tiles: [
        { icon: '💍', caption: '노을 속 서약' },
        { icon: '🌸', caption: '퍼스트 룩' },
        { icon: '🥂', caption: '건배의 순간' },
        { icon: '🌿', caption: '조용한 순간들' },
        { icon: '👨‍👩‍👧', caption: '가족 사진' },
        { icon: '💃', caption: '마지막 춤' },
      ],
    },
    features: () => ({
      title: '촬영 과정',
      cards: [
        { icon: '☕', title: '먼저 만나요', text: '커피 한 잔이나 통화로 당일 계획을 세우고 서로를 알아 갑니다.' },
        { icon: '📷', title: '촬영 당일', text: '조용히, 눈에 띄지 않게, 언제나 순간이 있는 곳에 있습니다.' },
        { icon: '🖼️', title: '사진 전달', text: '4주 안에 직접 보정한 사진을 온라인 갤러리로 전해 드립니다.' },
      ],
    }),
    pricing: {
      title: '촬영 패키지',
      intro: '모든 패키지에 50km 이내 출장과 온라인 갤러리가 포함됩니다.',
      tiers: [
        {
          name: '스몰웨딩',
          price: 900000,
          per: '',
          blurb: '두 사람만을 위한 2시간.',
          features: ['2시간 촬영', '보정본 150장 이상', '온라인 갤러리'],
        },
        {
          name: '본식 스냅',
          price: 1600000,
          per: '',
          blurb: '예식부터 피로연까지.',
          features: ['6시간 촬영', '보정본 400장 이상', '웨딩 촬영 1회'],
        },
        {
          name: '종일 촬영',
          price: 2400000,
          per: '',
          blurb: '준비부터 마지막 곡까지 하루 전체를.',
          features: ['10시간 촬영', '보정본 700장 이상', '보조 작가', '인화 앨범'],
        },
      ],
    },
  },
  'portfolio/maker': {
    gallery: {
      title: '최근 작품',
      tiles: [
        { icon: '🏺', caption: '점박이 화병' },
        { icon: '🍵', caption: '찻사발 4개 세트' },
        { icon: '🍽️', caption: '식기 접시' },
        { icon: '🪴', caption: '화분' },
        { icon: '🕯️', caption: '캔들 홀더' },
        { icon: '🔥', caption: '가마에서 막 나온' },
      ],
    },
  },
  'community/garden': {
    eyebrow: (p) => ['공동체 텃밭', p.facts.city].filter(Boolean).join(' · '),
    lead: (p) => `${inCity(p)}먹거리와 우정, 더 푸른 동네를 함께 가꿉니다. 초보자도 언제나 환영합니다.`,
    about: (p) => ({
      title: '텃밭 소개',
      paragraphs: [
        `${particle(p.name, '은/는')} 빈터를 텃밭 상자와 허브 정원, 꽃밭, 그리고 함께 쓰는 공구 창고로 바꾸었습니다.`,
        '자원봉사자들이 함께 돌보고, 수확물은 나누며, 남는 것은 지역 푸드뱅크에 보냅니다.',
      ],
    }),
    features: () => ({
      title: '이곳에서 하는 일',
      cards: [
        { icon: '🥕', title: '함께 가꾸는 밭', text: '이웃과 채소를 기르고 직접 딴 것을 가져가세요.' },
        { icon: '🐝', title: '생태 공간', text: '꽃밭과 작은 연못, 벌 호텔이 있습니다.' },
        { icon: '🧑‍🏫', title: '워크숍', text: '퇴비 만들기, 씨앗 받기, 가지치기를 회원이 직접 알려 줍니다.' },
      ],
    }),
    schedule: {
      title: '텃밭 일정',
      items: [
        { time: '매주 토요일 오전 10시', label: '공동 작업: 김매기, 물 주기, 심기' },
        { time: '매주 수요일 오후 6시', label: '저녁 물 주기 당번' },
        { time: '매월 첫째 일요일 오후 1시', label: '나눔 식사와 씨앗 교환' },
      ],
    },
  },
  'community/club': {
    features: () => ({
      title: '모임에서 하는 일',
      cards: [
        { icon: '🗓️', title: '정기 모임', text: '매주 수준에 상관없이 즐기는 모임이 있습니다.' },
        { icon: '🏆', title: '친선 경기', text: '원하는 분들을 위한 리그와 1년에 몇 번의 대회가 있습니다.' },
        { icon: '🎓', title: '함께 배우기', text: '처음 오신 분은 경험 많은 회원과 짝을 지어 드립니다.' },
      ],
    }),
    schedule: {
      title: '모임 일정',
      items: [
        { time: '매주 화요일 오후 7시', label: '정기 모임 (모든 수준)' },
        { time: '매주 목요일 오후 7시', label: '리그와 연습' },
        { time: '매주 토요일 오후 2시', label: '청소년·입문자 모임' },
      ],
    },
  },
  'studio/yoga': {
    schedule: {
      title: '주간 시간표',
      items: [
        { time: '월 07:00', label: '선라이즈 빈야사' },
        { time: '화 18:30', label: '하타 요가 (모든 수준)' },
        { time: '수 12:15', label: '점심 스트레칭' },
        { time: '목 19:00', label: '인 요가와 회복' },
        { time: '토 09:30', label: '입문 요가' },
      ],
    },
  },
  'studio/dance': {
    schedule: {
      title: '주간 시간표',
      items: [
        { time: '월 18:00', label: '현대무용 입문' },
        { time: '수 19:00', label: '살사 나이트' },
        { time: '금 18:30', label: '힙합 (모든 수준)' },
        { time: '토 10:00', label: '성인 발레' },
      ],
    },
  },
};
