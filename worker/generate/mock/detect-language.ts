import type { Language } from './site-plan.ts';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/g;
const LATIN = /[A-Za-z]/g;

/**
 * The language to write the page in: Korean when Hangul makes up a real share of the letters (a
 * Korean prompt that names an English brand is still Korean), else English.
 */
export function detectLanguage(text: string): Language {
  const hangul = text.match(HANGUL)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  // A Hangul syllable carries about as much as three Latin letters.
  return hangul > 0 && hangul * 3 >= latin * 0.5 ? 'ko' : 'en';
}
