/**
 * Ways to reach someone, as the prompt wrote them: emails, phone numbers, a street address and the
 * city. Each pattern is anchored on something unmistakable (an @, a run of digit groups, a street
 * word or a Korean road name) so that dates and prices are not mistaken for them.
 */

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g;

/** +351 912 345 678, (718) 555-0134, 01603 555 0199, 010-1234-5678, 02-123-4567. */
const PHONE =
  /(?<![\w$€£₩.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?\d{3,4}[\s.-]\d{3,4}|\d{2,5}[\s.-]\d{3,4}[\s.-]\d{3,4})(?!\w|,\d)/g;
/** A shorter number the prompt labels as one: "call 555-0134". */
const LABELLED_PHONE =
  /(?:phone|call|tel|text|whatsapp|전화(?:번호)?)\s*(?:us|me|at|:|는|은)?\s*:?\s*(\+?\d[\d\s().-]{5,}\d)/gi;

const STREET_WORDS =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Way|Drive|Dr|Place|Pl|Square|Sq|Court|Ct|Terrace|Row|Close|Crescent|Hill|Parade|Walk|Mews|Gardens|Quay|Wharf|Highway|Hwy';
const CAPITALISED = "[A-Z][\\w'’.-]{0,30}";
const PLACE_WORD = "[A-Z][\\w'’-]{0,30}";
/** "221B Baker Street, London", "12 Harbour Rd, Brighton BN1 1AA". */
const EN_ADDRESS = new RegExp(
  `\\b\\d{1,5}[A-Za-z]?,?\\s+(?:${CAPITALISED}\\s+){0,4}(?:${STREET_WORDS})\\b\\.?(?:,?\\s+(?:Suite|Unit|Floor|Apt\\.?)\\s*\\w+)?(?:,\\s*${PLACE_WORD}(?:\\s${PLACE_WORD}){0,2}(?:,?\\s+[A-Z]{2})?(?:\\s+\\d{5}|\\s+[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2})?)?`,
  'g',
);
/** "Rua Augusta 12, Lisbon", "Calle Mayor 5", "Hauptstraße 3, Berlin". */
const CONTINENTAL_ADDRESS =
  /\b(?:(?:Rua|Calle|Carrer|Via|Viale|Rue|Avenida|Avenue|Av\.|Praça|Largo|Plaza|Piazza|Place)\s+(?:[A-Za-zÀ-ÿ'’.-]{1,30}\s){1,4}|[A-ZÀ-Ý][a-zà-ÿ]{1,30}(?:straße|strasse|gasse|weg|platz|laan|gade|gatan)\s)\d{1,4}[A-Za-z]?(?:,\s*[A-ZÀ-Ý][\wÀ-ÿ-]{0,30}(?:\s[A-ZÀ-Ý][\wÀ-ÿ-]{0,30})?)?/g;
const KO_PROVINCES =
  '서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|충청|전북|전남|전라|경북|경남|경상|제주';
/** "서울시 마포구 와우산로 12", "부산 해운대구 해운대해변로 264 2층". */
const KO_ADDRESS = new RegExp(
  `(?:${KO_PROVINCES})[가-힣]{0,10}(?:\\s+[가-힣0-9]{1,20}(?:시|군|구|동|읍|면|리|로|길|가)){1,6}\\s*\\d{1,5}(?:-\\d{1,5})?(?:번지)?(?:\\s?\\d{1,3}층)?`,
  'g',
);

/** Words after "in" that are not places. */
const NOT_A_CITY =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|English|Korean|Spring|Summer|Autumn|Fall|Winter|Python|React|TypeScript|Go|Rust|The|A|An|Our|My)$/;
const EN_CITY =
  /\b(?:in|near|from|based in|located in)\s+((?:[A-Z][a-zà-ÿ'’]{1,30})(?:[\s-](?:[A-Z][a-zà-ÿ'’]{1,30})){0,2})\b/g;
const KO_CITIES =
  '서울|부산|대구|인천|광주|대전|울산|세종|제주|수원|성남|고양|용인|전주|경주|강릉|속초|여수|춘천|포항|창원|리스본|파리|런던|뉴욕|도쿄|교토|오사카|베를린|바르셀로나|로마|홍콩|싱가포르|방콕|시드니|밴쿠버|포르투';
const KO_CITY = new RegExp(`(${KO_CITIES})(?:시|의|에|에서|\\s)`);

const EN_VENUE =
  /\b(?:at|venue:?|held at|takes place at)\s+(?:the\s+)?([A-Z][\w'’-]{0,30}(?:\s+(?:[A-Z][\w'’-]{0,30}|of|on|the)){0,4})/;
const KO_VENUE =
  /(?:장소는?\s?:?\s?)([^,.\n]{2,30}?)(?=이며|이고|입니다|에서|,|\.|$)|([가-힣A-Za-z0-9]{1,20}(?:\s[가-힣A-Za-z0-9]{1,20})?(?:웨딩홀|호텔|가든|컨벤션|센터|교회|성당|하우스))/;

/** Where an event is held, by name: "at Rosewood Manor", "장소: 더채플 웨딩홀". Not a street address. */
export function extractVenue(text: string, address: string | undefined): string | undefined {
  const ko = KO_VENUE.exec(text);
  const venue = (ko?.[1] ?? ko?.[2] ?? EN_VENUE.exec(text)?.[1])?.replace(/\s+(?:of|on|the)$/, '').trim();
  return venue && !(address ?? '').includes(venue) && !/^\d/.test(venue) ? venue : undefined;
}

/** Emails and phone numbers shown at most: more is a list, not a contact section. */
const MAX_EACH = 3;

export interface Contacts {
  emails: string[];
  phones: string[];
  address?: string;
  city?: string;
}

export function extractContacts(text: string): Contacts {
  const emails = unique(text.match(EMAIL) ?? []);
  const withoutEmails = text.replace(EMAIL, ' ');
  const phones = unique(
    [
      ...[...withoutEmails.matchAll(PHONE)].map((m) => m[0]),
      ...[...withoutEmails.matchAll(LABELLED_PHONE)].map((m) => m[1]!),
    ].map((phone) => phone.trim()),
  );
  const address = [EN_ADDRESS, CONTINENTAL_ADDRESS, KO_ADDRESS]
    .map((pattern) => withoutEmails.match(pattern)?.[0])
    .find((found) => found !== undefined)
    ?.replace(/[\s,.]+$/, '');
  return {
    emails: emails.slice(0, MAX_EACH),
    phones: dropContained(phones).slice(0, MAX_EACH),
    address,
    city: cityOf(text, address),
  };
}

function cityOf(text: string, address: string | undefined): string | undefined {
  const koCity = KO_CITY.exec(text)?.[1];
  if (koCity) return koCity;
  for (const match of text.matchAll(EN_CITY)) {
    const city = match[1]!.replace(/['’]s$/, '');
    if (!NOT_A_CITY.test(city.split(/[\s-]/)[0]!)) return city;
  }
  // "…Street, Brighton": the address's last capitalised part.
  return address ? /,\s*([A-Z][\wÀ-ÿ-]+(?:\s[A-Z][\wÀ-ÿ-]+)?)(?:,?\s+[A-Z0-9]{2,}.*)?$/.exec(address)?.[1] : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** "555-0134" found by both patterns, once as part of a longer number: keep the longer. */
function dropContained(phones: string[]): string[] {
  return phones.filter((phone) => !phones.some((other) => other !== phone && other.includes(phone)));
}
