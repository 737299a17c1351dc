/**
 * Colours for a page, chosen so that every text/background pair the stylesheet uses reaches WCAG AA
 * (4.5:1 for normal text) — computed, not hoped for. One hue drives the look; the lightness of each
 * text colour is moved until it clears the bar against every background it is drawn on.
 */

export type ThemeMode = 'light' | 'dark';

export interface Theme {
  mode: ThemeMode;
  /** Accent hue, 0–359. */
  hue: number;
}

export interface Palette {
  /** Page background. */
  bg: string;
  /** Cards and table rows. */
  surface: string;
  /** Tinted bands (hero, alternate sections). */
  soft: string;
  border: string;
  /** Body text. */
  ink: string;
  /** Secondary text. */
  muted: string;
  /** Links, eyebrows, prices: text in the accent colour on bg, surface and soft. */
  accent: string;
  /** Button and badge background; `onAccent` is the text on it. */
  accentFill: string;
  onAccent: string;
  /** Decorative fills (gallery tiles, map): no text is drawn on them. */
  decor: [string, string, string];
}

/** The bar every pair must clear, with a little room for rounding in the browser. */
const MIN_TEXT_CONTRAST = 4.6;

/** The text/background pairs the stylesheet draws, by palette key: `[text, background]`. */
export const TEXT_PAIRS: readonly (readonly [keyof Palette, keyof Palette])[] = [
  ['ink', 'bg'],
  ['ink', 'surface'],
  ['ink', 'soft'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'soft'],
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent', 'soft'],
  ['onAccent', 'accentFill'],
];

export function paletteFor({ mode, hue }: Theme): Palette {
  return mode === 'light' ? lightPalette(hue) : darkPalette(hue);
}

function lightPalette(hue: number): Palette {
  const bg = hsl(hue, 30, 99);
  const surface = '#ffffff';
  const soft = hsl(hue, 55, 95);
  const backgrounds = [bg, surface, soft];
  const accent = fitLightness(hue, 72, 46, -1, backgrounds);
  return {
    bg,
    surface,
    soft,
    border: hsl(hue, 20, 88),
    ink: fitLightness(hue, 25, 16, -1, backgrounds),
    muted: fitLightness(hue, 12, 44, -1, backgrounds),
    accent,
    accentFill: accent,
    onAccent: '#ffffff',
    decor: [hsl(hue, 60, 80), hsl((hue + 35) % 360, 55, 72), hsl((hue + 330) % 360, 50, 86)],
  };
}

function darkPalette(hue: number): Palette {
  const bg = hsl(hue, 25, 9);
  const surface = hsl(hue, 22, 13);
  const soft = hsl(hue, 28, 17);
  const backgrounds = [bg, surface, soft];
  const accent = fitLightness(hue, 80, 64, +1, backgrounds);
  return {
    bg,
    surface,
    soft,
    border: hsl(hue, 18, 26),
    ink: fitLightness(hue, 20, 93, +1, backgrounds),
    muted: fitLightness(hue, 14, 70, +1, backgrounds),
    accent,
    accentFill: accent,
    onAccent: fitLightness(hue, 30, 10, -1, [accent]),
    decor: [hsl(hue, 45, 30), hsl((hue + 35) % 360, 40, 26), hsl((hue + 330) % 360, 35, 36)],
  };
}

/**
 * The colour of this hue and saturation nearest to `startLightness`, moving in `direction`
 * (-1 darker, +1 lighter), that reaches MIN_TEXT_CONTRAST against every one of `backgrounds`.
 * Black or white always does against the light or dark backgrounds used here.
 */
function fitLightness(
  hue: number,
  saturation: number,
  startLightness: number,
  direction: -1 | 1,
  backgrounds: readonly string[],
): string {
  for (let lightness = startLightness; lightness >= 0 && lightness <= 100; lightness += direction) {
    const colour = hsl(hue, saturation, lightness);
    if (backgrounds.every((bg) => contrastRatio(colour, bg) >= MIN_TEXT_CONTRAST)) return colour;
  }
  return direction < 0 ? '#000000' : '#ffffff';
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** WCAG 2 relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** `hsl()` as `#rrggbb` (saturation and lightness in percent). */
export function hsl(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return `#${[0, 8, 4]
    .map((n) =>
      Math.round(channel(n) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
