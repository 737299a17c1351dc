/**
 * Korean particles change with the word before them: 은/는, 이/가, 을/를, 과/와, 으로/로 follow a
 * final consonant or a vowel. For a word that does not end in Hangul (an English brand, a number)
 * both are written, the way Korean sites do: "TaskFlow은(는)".
 */
export type ParticlePair = '은/는' | '이/가' | '을/를' | '과/와' | '으로/로';

export function particle(word: string, pair: ParticlePair): string {
  const [afterConsonant, afterVowel] = pair.split('/') as [string, string];
  const last = word.trim().at(-1) ?? '';
  const code = last.charCodeAt(0);
  if (code < 0xac00 || code > 0xd7a3) return `${word}${afterConsonant}(${afterVowel})`.replace('으로(로)', '(으)로');
  const finalConsonant = (code - 0xac00) % 28;
  // 으로 after ㄹ is 로: 서울로.
  if (pair === '으로/로' && finalConsonant === 8) return `${word}로`;
  return `${word}${finalConsonant ? afterConsonant : afterVowel}`;
}
