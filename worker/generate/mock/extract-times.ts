import type { HoursRow, TimedItem } from './site-plan.ts';
import { clauses, tidyLabel } from './text-pieces.ts';

/**
 * Dates, opening hours and schedules, as the prompt wrote them. A time range next to day names is
 * opening hours ("Mon–Fri 7am–6pm"); any other time is a point in a schedule, labelled with the
 * words around it ("ceremony at 3 pm" → 3 pm · Ceremony).
 */

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const WEEKDAY_NAMES = '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day';
const EN_DATE = new RegExp(
  `(?:${WEEKDAY_NAMES},?\\s+)?(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?(?:,?\\s+\\d{4})?)|(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?))\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b`,
  'gi',
);
const KO_DATE = /(?:\d{4}년\s?)?\d{1,2}월\s?\d{1,2}일(?:\s?\(?[월화수목금토일](?:요일)?\)?)?/g;

const EN_TIME =
  '(?:(?:[01]?\\d|2[0-3])(?:[:.][0-5]\\d)?\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)|(?:[01]?\\d|2[0-3]):[0-5]\\d|noon|midnight)';
const KO_TIME =
  '(?:(?:오전|오후|저녁|낮|밤|새벽|아침)\\s?\\d{1,2}시(?:\\s?(?:\\d{1,2}분|반))?|\\d{1,2}시(?:\\s?(?:\\d{1,2}분|반))?)';
const TIME = `(?:${EN_TIME}|${KO_TIME})`;
const RANGE_JOIN = '\\s?(?:-|–|—|~|to|until|till|부터)\\s?';
const TIME_RANGE = new RegExp(`${TIME}(?:${RANGE_JOIN}${TIME}(?:까지)?)?`, 'gi');

const EN_DAY = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?\\.?';
const DAYS = new RegExp(
  `\\b${EN_DAY}(?:\\s?(?:-|–|—|to|through|thru|&|and)\\s?${EN_DAY})?(?![a-z])|\\bweekdays\\b|\\bweekends?\\b|\\bdaily\\b|\\bevery day\\b|\\beveryday\\b|[월화수목금토일](?:요일)?\\s?(?:~|-|–|부터)\\s?[월화수목금토일](?:요일)?(?:까지)?|평일|주말|매일|공휴일|[월화수목금토일]요일`,
  'gi',
);
/** A bare "8–4" is a time only right after day names ("weekends 8–4"). */
const BARE_RANGE =
  /^\s*(?:from\s+|open\s+|:\s*)?((?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?[-–~]\s?(?:[01]?\d|2[0-3])(?::[0-5]\d)?)(?![\d:])/i;
const CLOSED = /^\s*(?::\s*)?(closed|휴무|쉽니다|휴일)/i;
const HOURS_TALK = /\bopen\b|\bhours\b|영업|운영|오픈/i;

export function extractDates(text: string): string[] {
  return [...new Set([...(text.match(EN_DATE) ?? []), ...(text.match(KO_DATE) ?? [])].map((d) => d.trim()))];
}

/** "RSVP by May 1", "5월 1일까지": the date something is due. */
export function extractDeadline(text: string): string | undefined {
  const en = new RegExp(`\\b(?:by|before|no later than)\\s+(${EN_DATE.source})`, 'i').exec(text)?.[1];
  const ko = new RegExp(`(${KO_DATE.source})\\s?까지`).exec(text)?.[1];
  return (en ?? ko)?.trim();
}

export interface Times {
  hours: HoursRow[];
  schedule: TimedItem[];
}

/** Enough for any real timetable; a pasted wall of times stops here instead of costing quadratic time. */
const MAX_ROWS = 24;
/** Characters either side of a time read for its label ("ceremony at" | 2 pm). */
const LABEL_WINDOW = 80;

export function extractTimes(text: string): Times {
  const hours: HoursRow[] = [];
  const schedule: TimedItem[] = [];
  for (const clause of clauses(text)) {
    const taken: [number, number][] = [];
    for (const day of clause.matchAll(DAYS)) {
      if (hours.length >= MAX_ROWS) break;
      const range = leadingRange(clause.slice(day.index + day[0].length, day.index + day[0].length + LABEL_WINDOW));
      if (range) {
        hours.push({ days: day[0].trim(), time: range.text });
        taken.push([day.index, day.index + day[0].length + range.end]);
      }
    }
    const talksHours = HOURS_TALK.test(clause);
    for (const time of clause.matchAll(TIME_RANGE)) {
      if (hours.length + schedule.length >= 2 * MAX_ROWS) break;
      const start = time.index;
      if (taken.some(([from, to]) => start >= from && start < to)) continue;
      // A window cut mid-word drops the piece of word.
      const from = Math.max(0, start - LABEL_WINDOW);
      const before = from === 0 ? clause.slice(0, start) : clause.slice(from, start).replace(/^\S*\s/, '');
      const after = clause.slice(start + time[0].length, start + time[0].length + LABEL_WINDOW);
      const range = IS_RANGE.test(time[0]);
      const day = DAYS_AFTER.exec(after);
      if (day && range) {
        hours.push({ days: day[1]!.trim(), time: time[0].trim() });
        continue;
      }
      if (range && talksHours && !/\b(?:at|from)\s*$/.test(before)) {
        hours.push({ days: '', time: time[0].trim() });
        continue;
      }
      schedule.push({ time: time[0].trim(), label: tidyLabel(`${before} ${after}`) });
    }
  }
  return { hours, schedule };
}

const RANGE_START = new RegExp(`^${TIME_RANGE.source}`, 'i');
const IS_RANGE = new RegExp(`${TIME}${RANGE_JOIN}${TIME}`, 'i');
const DAYS_AFTER = new RegExp(`^\\s*(?:on\\s+|,\\s*)?(${DAYS.source})`, 'i');

/** The time range (or "closed") right after a day name, and where it ends. */
function leadingRange(after: string): { text: string; end: number } | undefined {
  const gap = /^\s*(?:[:,]|from|open|opens|\s)*\s*/i.exec(after)![0];
  const range = RANGE_START.exec(after.slice(gap.length));
  if (range && IS_RANGE.test(range[0])) return { text: range[0].trim(), end: gap.length + range[0].length };
  const bare = BARE_RANGE.exec(after);
  if (bare) return { text: bare[1]!.trim(), end: bare[0].length };
  const closed = CLOSED.exec(after);
  if (closed) return { text: closed[1]!, end: closed[0].length };
  return undefined;
}
