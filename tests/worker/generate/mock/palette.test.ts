import { describe, expect, it } from 'vitest';
import { contrastRatio, paletteFor, TEXT_PAIRS, type ThemeMode } from '../../../../worker/generate/mock/palette.ts';

describe('the composer’s colours', () => {
  it('measures contrast the WCAG way', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(4.48, 2);
  });

  it.each(['light', 'dark'] as ThemeMode[])(
    'meets WCAG AA (4.5:1) for every text/background pair the stylesheet draws, at every hue, %s',
    (mode) => {
      const failures: string[] = [];
      for (let hue = 0; hue < 360; hue++) {
        const palette = paletteFor({ mode, hue });
        for (const [text, background] of TEXT_PAIRS) {
          const ratio = contrastRatio(palette[text] as string, palette[background] as string);
          if (ratio < 4.5) failures.push(`hue ${hue}: ${text} on ${background} is ${ratio.toFixed(2)}:1`);
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
