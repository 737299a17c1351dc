import { bundlePathPattern } from '../../shared/bundle.ts';

/**
 * Which URLs a published page may contain. The page must load nothing from outside its bundle, so:
 * links go to https:, mailto:, #anchors or bundle files; images and CSS resources come from the
 * bundle or from inline data: images (and fonts, in CSS). Values arrive entity-decoded.
 */

/** C0 controls and spaces: browsers strip them around a URL and drop tabs/newlines inside it. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const URL_NOISE = /[\u0000-\u0020\u007f]+/g;

/** `about.html`, `./img/logo.png`, `about.html#team` — a file of this bundle, never `/…`, `//…` or `..`. */
export function isBundleRelativeUrl(url: string): boolean {
  const [, path = '', suffix = ''] = /^(?:\.\/)?([^?#]*)([?#].*)?$/s.exec(url) ?? [];
  return bundlePathPattern.test(path) && !path.split('/').includes('..') && /^[\w\-.~%&=+:/?#]*$/.test(suffix);
}

/**
 * A file of this bundle used as a resource (an image, a stylesheet): like a bundle-relative URL,
 * but it may start with `../` to climb out of the page's folder (`css/site.css` → `../img/a.png`).
 * Resolution never leaves the bundle: like a browser's, it stops at the root.
 */
export function isBundleResourceUrl(url: string): boolean {
  return isBundleRelativeUrl(url.replace(/^(?:\.\.?\/)+/, ''));
}

/**
 * The bundle path a bundle-relative URL in the file at `fromPath` points to (query and fragment
 * ignored), or undefined when it does not name a file of this bundle.
 */
export function resolveBundleUrl(url: string, fromPath: string): string | undefined {
  const trimmed = url.trim();
  if (!isBundleResourceUrl(trimmed)) return undefined;
  const base = new URL(fromPath, 'https://bundle.invalid/');
  const resolved = new URL(trimmed, base);
  if (resolved.origin !== base.origin) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(resolved.pathname.slice(1));
  } catch {
    return undefined;
  }
  return bundlePathPattern.test(path) ? path : undefined;
}

const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp)(?:;base64)?,[a-z0-9+/=%._~-]*$/i;
const FONT_DATA_URL = /^data:font\/(?:woff2?|ttf|otf)(?:;base64)?,[a-z0-9+/=%._~-]*$/i;

export function isImageDataUrl(url: string): boolean {
  return IMAGE_DATA_URL.test(url.replace(/\s+/g, ''));
}

/** An `<img src>`: an inline raster image or a bundle file. */
export function isAllowedImageSrc(src: string): boolean {
  const url = src.trim();
  return isImageDataUrl(url) || isBundleResourceUrl(url);
}

/** A `url(…)` inside CSS: as for images, plus inline fonts for `@font-face`. */
export function isAllowedCssUrl(raw: string): boolean {
  const url = raw.trim();
  return isImageDataUrl(url) || FONT_DATA_URL.test(url.replace(/\s+/g, '')) || isBundleResourceUrl(url);
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
