/**
 * Prompts a newcomer would try, English and Korean, each with what its page must show: the
 * language, the kind of site, the sections (by id), and names, dates, prices and contacts taken
 * from the prompt. The first six are the ones issue 18 tried.
 */
export interface PromptCase {
  /** Short and unique: names the test. */
  name: string;
  prompt: string;
  lang: 'en' | 'ko';
  kind: string;
  /** The exact site title, when the prompt decides it. */
  title?: string;
  sections: string[];
  /** Sections the page must not have. */
  absent?: string[];
  /** Text the page must show. */
  shows: string[];
  /** Text the page must not show. */
  hides?: string[];
}

/** About 1,600 characters: a real brief, not a one-liner. */
const GARDEN_BRIEF = `We are the Riverside Community Garden, a volunteer-run garden on a former car park at 18 Mill Lane, Norwich. \
We started in 2019 with six raised beds and now look after forty beds, a small orchard of apple and plum trees, a wildflower \
meadow for bees and a pond that the local school uses for pond-dipping. Around sixty households take part, from retired \
growers who have gardened all their lives to families who had never planted a seed before. We would like a website that \
explains who we are and makes it easy for new people to join. Please include a schedule of our regular sessions: work \
mornings on Saturdays at 10 am, evening watering on Wednesdays at 6 pm, and a potluck lunch with a seed swap on the first \
Sunday of each month at 1 pm. We also run a harvest festival every September. Membership costs £10 a year for households and \
is free for students and anyone on benefits; nobody is ever turned away for not paying. There should be a section answering \
common questions, for example whether you need gardening experience (you do not), whether children can come (yes, with an \
adult), what to wear and bring (old clothes, gloves if you have them, we lend tools), and whether we use pesticides (never, \
we garden organically). We would love a small gallery too, showing the beds, the orchard and the pond. Tell people they can \
email us at hello@riversidegarden.org.uk or call Margaret on 01603 555 0199, and give our address so they can find us. The \
tone should be warm and welcoming, never preachy, and the page should work well on phones because most of our members will \
look at it on the way to the garden.`;

export const PROMPT_TABLE: PromptCase[] = [
  {
    name: 'coffee shop with menu and hours',
    prompt:
      'A landing page for Bean There, a coffee shop in Lisbon at Rua Augusta 12: menu with espresso €1.20, flat white €3.50 and pastel de nata €1.80; open Mon–Fri 7am–6pm, Sat–Sun 8am–4pm. Email hello@beanthere.pt',
    lang: 'en',
    kind: 'restaurant',
    title: 'Bean There',
    sections: ['menu', 'hours', 'location', 'contact'],
    shows: [
      'Flat white',
      '€3.50',
      'Pastel de nata',
      'Mon–Fri',
      '7am–6pm',
      'Rua Augusta 12',
      'hello@beanthere.pt',
      'Lisbon',
    ],
    hides: ['hello@example.com'],
  },
  {
    name: 'photographer portfolio with gallery and pricing',
    prompt:
      'Portfolio for Maya Chen, a wedding photographer in Porto, with a gallery and pricing: Elopement $900, Half day $1,600, Full day $2,400. Contact maya@mayachen.photo or +351 912 345 678',
    lang: 'en',
    kind: 'portfolio',
    title: 'Maya Chen',
    sections: ['gallery', 'pricing', 'contact'],
    shows: ['Elopement', '$1,600', 'Full day', '$2,400', 'maya@mayachen.photo', '+351 912 345 678', 'Porto'],
  },
  {
    name: 'wedding invitation with schedule and RSVP',
    prompt:
      'Wedding invitation for Anna and Ben, Saturday June 14, 2025 at Rosewood Manor, 45 Garden Lane, Bath. Schedule: ceremony at 2 pm, drinks at 3:30 pm, dinner at 6 pm, dancing until midnight. RSVP by May 1 to anna.ben@example.com',
    lang: 'en',
    kind: 'event',
    title: 'Anna & Ben',
    sections: ['schedule', 'rsvp', 'location'],
    absent: ['menu', 'features', 'testimonials', 'pricing'],
    shows: [
      'June 14, 2025',
      'Rosewood Manor',
      '45 Garden Lane, Bath',
      'Ceremony',
      '3:30 pm',
      'Dancing',
      'May 1',
      'anna.ben@example.com',
    ],
    hides: ['What we offer', 'What people say'],
  },
  {
    name: 'SaaS pricing with three tiers and FAQ',
    prompt:
      'SaaS pricing page for TaskFlow, a project management tool, with three tiers (Starter $9/month, Pro $29/month, Enterprise $99/month) and a FAQ',
    lang: 'en',
    kind: 'pricing',
    title: 'TaskFlow',
    sections: ['pricing', 'comparison', 'faq'],
    absent: ['menu', 'testimonials'],
    shows: ['Starter', '$9/month', 'Pro', '$29/month', 'Enterprise', '$99/month'],
  },
  {
    name: 'Korean restaurant menu',
    prompt:
      "서울 종로구 인사동길 12에 있는 한식당 '한강식당' 메뉴 페이지를 만들어 주세요. 비빔밥 12,000원, 김치찌개 9,000원, 불고기 정식 15,000원. 영업시간은 매일 오전 11시~오후 9시, 전화 02-123-4567",
    lang: 'ko',
    kind: 'restaurant',
    title: '한강식당',
    sections: ['menu', 'hours', 'location', 'contact'],
    shows: [
      '비빔밥',
      '12,000원',
      '김치찌개',
      '불고기 정식',
      '15,000원',
      '오전 11시~오후 9시',
      '02-123-4567',
      '인사동길 12',
    ],
    hides: ['Menu', 'Opening hours', 'Contact', 'Get in touch'],
  },
  {
    name: 'community-garden brief of 1,500 characters',
    prompt: GARDEN_BRIEF,
    lang: 'en',
    kind: 'community',
    title: 'Riverside Community Garden',
    sections: ['about', 'gallery', 'schedule', 'faq', 'location', 'contact'],
    shows: [
      '18 Mill Lane, Norwich',
      'hello@riversidegarden.org.uk',
      '01603 555 0199',
      'Saturdays',
      '10 am',
      '6 pm',
      'Norwich',
    ],
  },
  {
    name: 'a bare coffee shop',
    prompt: 'a landing page for a coffee shop',
    lang: 'en',
    kind: 'restaurant',
    title: 'Coffee shop',
    sections: ['about', 'menu', 'hours', 'contact'],
    shows: ['Espresso', 'Flat white'],
  },
  {
    name: 'a bakery by name',
    prompt: 'Make me a website for a bakery called Sunny Crumbs, please',
    lang: 'en',
    kind: 'restaurant',
    title: 'Sunny Crumbs',
    sections: ['menu', 'hours', 'contact'],
    shows: ['Country sourdough', 'Butter croissant'],
  },
  {
    name: 'the yoga example',
    prompt: 'A website for a yoga studio: class schedule, teachers, prices and a first-class-free offer',
    lang: 'en',
    kind: 'studio',
    title: 'Yoga studio',
    sections: ['offer', 'schedule', 'team', 'pricing', 'contact'],
    shows: ['Your first class is free', 'Sunrise vinyasa', 'Your teachers'],
  },
  {
    name: 'the photographer example',
    prompt: 'A portfolio for a wedding photographer with a gallery, prices and a contact section',
    lang: 'en',
    kind: 'portfolio',
    title: 'Wedding photographer',
    sections: ['gallery', 'pricing', 'contact'],
    shows: ['Packages', 'Full day'],
  },
  {
    name: 'the café example',
    prompt: 'A landing page for a cosy coffee shop in Lisbon: menu, opening hours and a map section',
    lang: 'en',
    kind: 'restaurant',
    title: 'Cosy coffee shop in Lisbon',
    sections: ['menu', 'hours', 'location'],
    shows: ['Lisbon', 'Open in OpenStreetMap'],
  },
  {
    name: 'the café example in Korean',
    prompt: '리스본의 아늑한 카페 랜딩 페이지: 메뉴, 영업시간, 지도 섹션',
    lang: 'ko',
    kind: 'restaurant',
    title: '리스본의 아늑한 카페',
    sections: ['menu', 'hours', 'location'],
    shows: ['아메리카노', '영업시간', '오시는 길', '리스본'],
    hides: ['Menu', 'Hours'],
  },
  {
    name: 'the photographer example in Korean',
    prompt: '웨딩 사진작가 포트폴리오: 갤러리, 가격, 연락처 섹션',
    lang: 'ko',
    kind: 'portfolio',
    sections: ['gallery', 'pricing', 'contact'],
    shows: ['촬영 패키지', '종일 촬영'],
  },
  {
    name: 'the yoga example in Korean',
    prompt: '요가 스튜디오 웹사이트: 수업 시간표, 강사 소개, 가격, 첫 수업 무료 안내',
    lang: 'ko',
    kind: 'studio',
    title: '요가 스튜디오',
    sections: ['offer', 'schedule', 'team', 'pricing'],
    shows: ['첫 수업은 무료입니다', '강사 소개', '입문 요가'],
  },
  {
    name: 'a CV',
    prompt:
      'CV for Jane Doe, a senior data scientist in Berlin. Skills: Python, SQL, dbt and Airflow. Email jane@doe.dev',
    lang: 'en',
    kind: 'cv',
    title: 'Jane Doe',
    sections: ['about', 'experience', 'skills', 'contact'],
    shows: ['Python', 'dbt', 'Airflow', 'jane@doe.dev', 'Berlin', 'Senior data scientist'],
  },
  {
    name: 'a CV in Korean',
    prompt:
      '이력서 페이지: 이름은 김지현, 프론트엔드 개발자. 기술: React, TypeScript, 접근성. 이메일 jihyun.kim@example.kr',
    lang: 'ko',
    kind: 'cv',
    title: '김지현',
    sections: ['experience', 'skills', 'contact'],
    shows: ['React', 'TypeScript', '접근성', 'jihyun.kim@example.kr', '프론트엔드 개발자'],
  },
  {
    name: 'a product launch',
    prompt: 'Product launch page for the Aurora Lamp, a smart desk lamp, pre-order for $89, with features and FAQ',
    lang: 'en',
    kind: 'product',
    title: 'Aurora Lamp',
    sections: ['features', 'pricing', 'faq'],
    shows: ['$89'],
  },
  {
    name: 'a product launch in Korean',
    prompt: "신제품 '구름 텀블러' 출시 페이지: 특징, 가격 39,000원, 자주 묻는 질문",
    lang: 'ko',
    kind: 'product',
    title: '구름 텀블러',
    sections: ['features', 'pricing', 'faq'],
    shows: ['39,000원'],
  },
  {
    name: 'a chess club',
    prompt: 'a page for a chess club',
    lang: 'en',
    kind: 'community',
    title: 'Chess club',
    sections: ['about', 'schedule', 'faq'],
    shows: ['Club night'],
  },
  {
    name: 'a book club',
    prompt:
      'Website for the Elm Street Book Club: we meet every first Tuesday at 7 pm at the library, new members welcome, contact books@elmstreet.org',
    lang: 'en',
    kind: 'community',
    title: 'Elm Street Book Club',
    sections: ['about', 'contact'],
    shows: ['books@elmstreet.org', '7 pm'],
  },
  {
    name: 'a running club in Korean',
    prompt:
      "동네 러닝 크루 '새벽달리기' 모임 소개 페이지: 매주 토요일 오전 7시 한강공원 집결, 회비 없음, 문의 010-2345-6789",
    lang: 'ko',
    kind: 'community',
    title: '새벽달리기',
    sections: ['about', 'schedule', 'contact'],
    shows: ['010-2345-6789', '오전 7시'],
  },
  {
    name: 'a conference',
    prompt:
      'Conference site for DevDays 2025 on October 3, 2025 at Harbour Hall, Oslo: agenda with keynote at 9:30, workshops at 14:00, and FAQ',
    lang: 'en',
    kind: 'event',
    title: 'DevDays 2025',
    sections: ['schedule', 'faq'],
    shows: ['October 3, 2025', 'Harbour Hall', 'Keynote', '9:30', 'Workshops', '14:00'],
  },
  {
    name: 'a birthday party',
    prompt:
      "Invitation to Mia's 30th birthday party on Friday, August 8 at 8 pm at The Green Room, rsvp to mia@example.com",
    lang: 'en',
    kind: 'event',
    sections: ['rsvp'],
    shows: ['August 8', '8 pm', 'Green Room', 'mia@example.com'],
  },
  {
    name: 'a wedding in Korean',
    prompt:
      '민준과 서연의 결혼식 청첩장: 2025년 10월 11일 토요일 오후 1시, 장소: 더채플 웨딩홀, 서울 강남구 테헤란로 123. 9월 30일까지 참석 여부를 알려 주세요',
    lang: 'ko',
    kind: 'event',
    sections: ['schedule', 'location', 'rsvp'],
    shows: ['민준', '서연', '2025년 10월 11일', '더채플 웨딩홀', '테헤란로 123', '9월 30일'],
  },
  {
    name: 'a plumber',
    prompt:
      'Landing page for Fixwell Plumbing in Leeds, 24/7 emergency repairs, call 0113 496 0000, reviews from customers',
    lang: 'en',
    kind: 'landing',
    title: 'Fixwell Plumbing',
    sections: ['testimonials', 'contact'],
    shows: ['0113 496 0000', 'Leeds'],
  },
  {
    name: 'a business without a name',
    prompt: 'Create a landing page for my dog walking business',
    lang: 'en',
    kind: 'landing',
    title: 'Dog walking business',
    sections: ['features', 'contact'],
    shows: [],
  },
  {
    name: 'a florist in Korean',
    prompt: "꽃집 '봄날의 꽃' 홈페이지: 꽃다발 주문, 후기, 연락처 hello@bomflower.kr",
    lang: 'ko',
    kind: 'landing',
    title: '봄날의 꽃',
    sections: ['testimonials', 'contact'],
    shows: ['hello@bomflower.kr', '고객 후기'],
  },
  {
    name: 'a dance school without testimonials',
    prompt: 'Salsa dance school in Madrid called Ritmo: weekly timetable, teachers and prices, no testimonials',
    lang: 'en',
    kind: 'studio',
    title: 'Ritmo',
    sections: ['schedule', 'team', 'pricing'],
    absent: ['testimonials'],
    shows: ['Salsa night', 'Madrid'],
  },
  {
    name: 'a dark cocktail bar',
    prompt: 'A dark, moody landing page for Night Owl, a cocktail bar in Berlin with a drinks menu',
    lang: 'en',
    kind: 'restaurant',
    title: 'Night Owl',
    sections: ['menu'],
    shows: ['Berlin'],
  },
  {
    name: 'a trattoria',
    prompt: 'Italian restaurant Trattoria Sole in Brooklyn with menu, reviews and reservations by phone (718) 555-0134',
    lang: 'en',
    kind: 'restaurant',
    title: 'Trattoria Sole',
    sections: ['menu', 'testimonials', 'contact'],
    shows: ['(718) 555-0134', 'Brooklyn'],
  },
  {
    name: 'a small bakery in Korean',
    prompt: '작은 빵집 웹사이트',
    lang: 'ko',
    kind: 'restaurant',
    title: '작은 빵집',
    sections: ['menu', 'hours'],
    shows: ['소금빵', '오늘의 빵'],
  },
  {
    name: 'plans named without prices',
    prompt: 'Pricing page for Notely, a note-taking app, with Free, Plus and Team plans and a comparison table',
    lang: 'en',
    kind: 'pricing',
    title: 'Notely',
    sections: ['pricing', 'comparison'],
    shows: ['Free', 'Plus', 'Team'],
  },
  {
    name: 'a ceramicist',
    prompt: 'Portfolio for ceramic artist Ines Duarte, gallery of recent pieces, commissions open',
    lang: 'en',
    kind: 'portfolio',
    title: 'Ines Duarte',
    sections: ['gallery', 'contact'],
    shows: ['Recent pieces', 'Tea bowls'],
  },
  {
    name: 'SaaS pricing in Korean',
    prompt:
      "협업 툴 '팀노트'의 요금제 페이지: 베이직 월 9,900원, 프로 월 19,900원, 엔터프라이즈 별도 문의, 자주 묻는 질문 포함",
    lang: 'ko',
    kind: 'pricing',
    title: '팀노트',
    sections: ['pricing', 'faq'],
    shows: ['베이직', '월 9,900원', '프로', '월 19,900원', '엔터프라이즈', '별도 문의'],
  },
];
