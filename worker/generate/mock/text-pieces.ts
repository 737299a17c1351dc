/**
 * Cutting a prompt into the pieces the extractors read: clauses ("espresso $2.50", "ceremony at
 * 3 pm"), and labels tidied of the glue words around a value.
 */

/**
 * Splits on commas (not thousands separators), semicolons, sentence ends, new lines, bullets and
 * "and"/"그리고"; keeps the part after a colon with the part before it ("menu: latte $4").
 */
export function clauses(text: string): string[] {
  return text
    .split(/,(?!\d{3})|;|\n|•|·|(?<=[.!?])\s+|\s+(?:and|plus|then|&)\s+|\s*그리고\s*|\s*및\s*/i)
    .map((part) => part.trim())
    .filter(Boolean);
}

const LEADING_GLUE =
  /^(?:(?:(?:and|with|a|an|the|our|their|my|including|like|e\.g\.|plus|also|then|for|at|from|is|are|on|of|to|items?|menu|list|prices?|tiers?|plans?|schedule|timetable|agenda|programme|program)\b|[:\-–—()])\s*)+/i;
/** English glue words need a space before them ("Salon" keeps its "on"); Korean particles stick to the word. */
const TRAILING_GLUE =
  /(?:\s+(?:for|at|from|costs?|is|are|each|only|starts?|starting|begins?|until|till|to|on|시작)|\s*[:\-–—()@]|(?<=[가-힣])(?:에서|에|부터|까지|은|는))+$/i;

const PHRASE_BREAK = /\s+(?:with|on|at|in|for|every|from|by|near|where|which|that)\s+/i;

/**
 * What is left of a clause once the value is taken out: "the ceremony starts at" → "Ceremony",
 * "비빔밥은" → "비빔밥". Long leftovers are not labels (empty string); the caller supplies one.
 */
export function tidyLabel(rest: string, maxWords = 6, options: { capitalise?: boolean } = {}): string {
  // "three tiers (Starter" → "Starter"; "menu: latte" → "latte"; "Membership costs for households" → "Membership for households".
  const afterOpening = rest.split(/[:(]/).at(-1)!;
  let label = afterOpening
    .replace(/\b(?:costs?|is priced at|priced at|will be|takes place|happens)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let before = ''; before !== label;) {
    before = label;
    label = label
      .replace(/^[\s,.;:!?'"“”-]+|[\s,.;:!?'"“”-]+$/g, '')
      .replace(LEADING_GLUE, '')
      .replace(TRAILING_GLUE, '')
      .trim();
  }
  // Too long to be a label: its first phrase may do ("a potluck lunch | with a seed swap on …").
  if (label.split(' ').length > maxWords) label = label.split(PHRASE_BREAK)[0]!.replace(LEADING_GLUE, '').trim();
  if (!/\p{L}/u.test(label) || label.split(' ').length > maxWords) return '';
  return options.capitalise === false ? label : capitalise(label);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
