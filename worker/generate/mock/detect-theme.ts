import type { Theme, ThemeMode } from './palette.ts';
import type { SiteKind } from './site-plan.ts';

/**
 * The look a prompt asks for ("dark", "navy", "파란색") or, when it asks for none, one that suits
 * the kind of site: warm for food, green for gardens, blue for software. Named colours win over
 * the kind; the seed turns the kind's hue a little, so two cafés do not look identical.
 */

const COLOUR_HUES: readonly (readonly [RegExp, number])[] = [
  [/\bnavy\b|남색|네이비/i, 228],
  [/\bteal\b|청록/i, 176],
  [/\bturquoise\b|\bcyan\b|\baqua\b|옥색/i, 188],
  [/\bsky\b|하늘색/i, 200],
  [/\bindigo\b|인디고/i, 245],
  [/\bviolet\b|\bpurple\b|\blavender\b|보라|퍼플|라벤더/i, 272],
  [/\bmagenta\b|\bfuchsia\b|자홍/i, 305],
  [/\bpink\b|분홍|핑크/i, 330],
  [/\brose\b|로즈/i, 345],
  [/\bcoral\b|코랄/i, 12],
  [/\bred\b|\bcrimson\b|\bburgundy\b|빨간|빨강|붉은|레드|버건디/i, 355],
  [/\borange\b|\bterracotta\b|주황|오렌지|테라코타/i, 24],
  [/\bbrown\b|\bcoffee[- ]colou?red\b|\bearthy\b|갈색|브라운/i, 28],
  [/\bgold(?:en)?\b|\bamber\b|\bmustard\b|금색|골드|머스타드/i, 42],
  [/\byellow\b|노란|노랑|옐로/i, 50],
  [/\bolive\b|올리브/i, 70],
  [/\blime\b|라임/i, 88],
  [/\bmint\b|\bsage\b|민트|세이지/i, 150],
  [/\bgreen\b|\bforest\b|\bemerald\b|초록|녹색|그린|숲/i, 135],
  [/\bblue\b|파란|파랑|블루|푸른/i, 218],
];

/** "dark blue" is a colour, not a dark page. */
const DARK =
  /\bdark(?:er)?\b(?!\s+(?:blue|green|red|navy|purple|teal|brown|grey|gray|pink|orange))|\bnight mode\b|\bmoody\b|\bblack background\b|다크|어둡|어두운|검은\s?배경|검정\s?배경|블랙/i;
const LIGHT =
  /\blight(?:er)?\s+(?:mode|theme|look|background)\b|\bmake it light\b|\bbright(?:er)?\b|\bwhite background\b|라이트|밝게|밝은|흰\s?배경|하얀\s?배경/i;

const KIND_HUES: Record<SiteKind, number> = {
  landing: 200,
  portfolio: 250,
  event: 340,
  pricing: 228,
  restaurant: 18,
  cv: 210,
  product: 265,
  community: 140,
  studio: 168,
};
const FLAVOUR_HUES: Record<string, number> = {
  cafe: 28,
  bakery: 36,
  korean: 8,
  wedding: 345,
  conference: 220,
  photographer: 25,
  garden: 120,
  yoga: 160,
};

/** The colour the text names, if any. */
export function namedHue(text: string): number | undefined {
  return COLOUR_HUES.find(([pattern]) => pattern.test(text))?.[1];
}

/** "dark" or "light" if the text asks for one. */
export function namedMode(text: string): ThemeMode | undefined {
  if (DARK.test(text)) return 'dark';
  if (LIGHT.test(text)) return 'light';
  return undefined;
}

export function chooseTheme(text: string, kind: SiteKind, flavour: string, seed: number): Theme {
  const base = FLAVOUR_HUES[flavour] ?? KIND_HUES[kind];
  const hue = namedHue(text) ?? (base + (seed % 21) - 10 + 360) % 360;
  return { mode: namedMode(text) ?? 'light', hue };
}
