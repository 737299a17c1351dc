import { sectionCues } from './detect-sections.ts';
import { namedHue, namedMode } from './detect-theme.ts';
import type { ThemeMode } from './palette.ts';
import { sectionOrder, type SectionId } from './site-plan.ts';
import { capitalise } from './text-pieces.ts';

/**
 * What a reply to a result asks to change: sections to add or remove ("add a FAQ", "후기 빼 줘"),
 * a section about something new, the prices gone, a darker or lighter look, another colour, a new
 * name. Facts in the request (an email, new hours) are read by the fact extractors, not here.
 */
export interface RevisionRequest {
  add: SectionId[];
  remove: SectionId[];
  /** "a section about our sourdough" → "Our sourdough". */
  customTopics: string[];
  removePrices: boolean;
  mode?: ThemeMode;
  hue?: number;
  rename?: string;
}

const ADD =
  /\b(?:add|include|put|insert|show|give|create|need|want|with|bring back)\b|추가|넣어|넣고|넣기|보여|만들어|달아|붙여/i;
const REMOVE =
  /\b(?:remove|delete|drop|hide|take (?:out|off|away)|get rid of|without|no more|lose|cut|skip)\b|빼|삭제|없애|지워|제거|숨겨|안\s?보이게/i;
const PRICES = /\bprices?\b|\bcosts?\b|\bamounts?\b|가격|금액|요금/i;
const PRICING_SECTION =
  /\bpricing\b|\bprice (?:list|table|section)\b|\bplans\b|\btiers\b|\bpackages\b|가격\s?(?:섹션|표|부분)|요금제|패키지/i;
const CUSTOM_EN = /\b(?:section|part|block|bit|paragraph)\s+(?:about|on|for|describing)\s+(.{2,60})$/i;
const CUSTOM_KO = /(.{2,30}?)\s?(?:에 대한|에 관한|관련|소개)\s?(?:섹션|내용|부분|글)/;
const RENAME_EN =
  /\b(?:rename(?: it| the site| the page)?|call it|name it|change the (?:name|title) to|title it)\s+(?:to\s+)?["“']?([^"”'.!?\n,]{2,60}?)["”']?\s*(?:[.!?,]|$)/i;
const RENAME_KO = /(?:이름|제목|상호)(?:을|를|은|는)?\s?["“']?(.{1,40}?)["”']?\s?(?:으로|로)\s?(?:바꿔|변경|고쳐|해)/;

export function readRevisionRequest(text: string): RevisionRequest {
  const request: RevisionRequest = { add: [], remove: [], customTopics: [], removePrices: false };
  const rename = RENAME_EN.exec(text)?.[1] ?? RENAME_KO.exec(text)?.[1];
  if (rename) request.rename = rename.trim();
  const withoutRename = rename ? text.replace(rename, ' ') : text;
  const hue = namedHue(withoutRename);
  if (hue !== undefined) request.hue = hue;
  const mode = namedMode(withoutRename);
  if (mode) request.mode = mode;

  for (const clause of withoutRename.split(/[,;.!?\n]|\s+(?:and|then|also)\s+|그리고|하고\s/i)) {
    const removing = REMOVE.test(clause);
    const adding = !removing && ADD.test(clause);
    if (!removing && !adding) continue;
    if (removing && PRICES.test(clause) && !PRICING_SECTION.test(clause)) {
      request.removePrices = true;
      continue;
    }
    const custom = adding ? (CUSTOM_EN.exec(clause.trim())?.[1] ?? CUSTOM_KO.exec(clause.trim())?.[1]) : undefined;
    const named = sectionOrder.filter((id) => sectionCues[id].test(custom ?? clause));
    if (custom && named.length === 0) {
      request.customTopics.push(capitalise(custom.replace(/^(?:the|a|an)\s+/i, '').trim()));
      continue;
    }
    (removing ? request.remove : request.add).push(
      ...named.filter((id) => !(removing ? request.remove : request.add).includes(id)),
    );
  }
  return request;
}
