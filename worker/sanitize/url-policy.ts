import { bundlePathPattern } from '../../shared/bundle.ts';

/**
 * Which URLs a published page may contain. The page must load nothing from outside its bundle, so:
 * links go to https:, mailto:, #anchors or bundle files; images and CSS resources come from the
 * bundle or from inline data: images (and fonts, in CSS). Values arrive entity-decoded.
 */

/** C0 controls and spaces: browsers strip them around a URL and drop tabs/newlines inside it. */
const URL_NOISE = /[\u0000-\u0020\u007f]+/g;

/** `about.html`, `./img/logo.png`, `about.html#team` — a file of this bundle, never `/…`, `//…` or `..`. */
export function isBundleRelativeUrl(url: string): boolean {
  const [, path = '', suffix = ''] = /^(?:\.\/)?([^?#]*)([?#].*)?$/s.exec(url) ?? [];
  return bundlePathPattern.test(path) && !path.split('/').includes('..') && /^[\w\-.~%&=+:/?#]*$/.test(suffix);
}

const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp)(?:;base64)?,[a-z0-9+/=%._~-]*$/i;
const FONT_DATA_URL = /^data:font\/(?:woff2?|ttf|otf)(?:;base64)?,[a-z0-9+/=%._~-]*$/i;

export function isImageDataUrl(url: string): boolean {
  return IMAGE_DATA_URL.test(url.replace(/\s+/g, ''));
}

/** An `<img src>`: an inline raster image or a bundle file. */
export function isAllowedImageSrc(src: string): boolean {
  const url = src.trim();
  return isImageDataUrl(url) || isBundleRelativeUrl(url);
}

/** A `url(…)` inside CSS: as for images, plus inline fonts for `@font-face`. */
export function isAllowedCssUrl(raw: string): boolean {
  const url = raw.trim();
  return isImageDataUrl(url) || FONT_DATA_URL.test(url.replace(/\s+/g, '')) || isBundleRelativeUrl(url);
}

export type HrefKind = 'external' | 'internal' | 'blocked';

/** `external` (https:, opens in a new tab), `internal` (#anchor, mailto:, bundle file) or `blocked`. */
export function classifyHref(href: string): HrefKind {
  const url = href.trim();
  if (/^#[^\s"'<>`]*$/.test(url)) return 'internal';
  if (/^mailto:[^\s"'<>`]+$/i.test(url)) return 'internal';
  if (isBundleRelativeUrl(url)) return 'internal';
  if (/^https:\/\/[^\s"'<>`\\]+$/i.test(url)) {
    try {
      return new URL(url).protocol === 'https:' ? 'external' : 'blocked';
    } catch {
      return 'blocked';
    }
  }
  return 'blocked';
}

/**
 * The scheme a browser would see, after removing the noise it ignores (`java\tscript:` is
 * `javascript:`). Used by the final check, independently of the allowlists above.
 */
export function effectiveScheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(URL_NOISE, ''))?.[1]?.toLowerCase();
}
