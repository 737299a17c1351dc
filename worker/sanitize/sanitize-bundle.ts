import { parse } from 'parse5';
import {
  bundleFileBuffer,
  bundleFileType,
  bundleFileTypes,
  bundleSchema,
  type Bundle,
  type BundleFile,
} from '../../shared/bundle.ts';
import { UnsafeBundleError } from '../../shared/errors.ts';
import { assertNoActiveContent, assertSafeStylesheet, assertSafeSvg } from './assert-no-active-content.ts';
import { forEachElement, getAttribute } from './html-tree.ts';
import { sanitizeStylesheet } from './sanitize-css.ts';
import { sanitizeHtmlDocument } from './sanitize-html-document.ts';
import { sanitizeSvg } from './sanitize-svg.ts';
import { resolveBundleUrl } from './url-policy.ts';
import { verifyImage } from './verify-image.ts';

/**
 * The bundle as it may be published, or UnsafeBundleError. First the bundle rules (shared/bundle.ts:
 * .html .css .svg .png .jpg .webp .ico .txt only, at most 20 files and 2 MiB, plain paths two
 * folders deep); then every file by its type:
 *
 * - images: the bytes must be what the extension says (PNG, JPEG, WebP, ICO signatures);
 * - `.svg`: rebuilt as a static drawing (sanitize-svg.ts) and checked again;
 * - `.css`: cleaned (sanitize-css.ts) and checked again;
 * - `.html`: cleaned (sanitize-html-document.ts) and re-parsed like a browser would (parse5): if
 *   anything active or external survived, the bundle is refused, never published;
 * - `.txt`: kept as it is (served as text/plain, nosniff).
 *
 * A preview page runs sandboxed in an opaque origin, so it cannot load even its own files: the
 * stylesheets a page links are inlined as `<style>`, and the bundle images it uses (`<img src>`,
 * CSS `url()`) become data: URLs; a reference to an image the bundle does not have is removed.
 * The files themselves stay in the bundle.
 */
export function sanitizeBundle(bundle: Bundle): Bundle {
  const checked = checkBundleRules(bundle);
  const images = new Map<string, string>();
  const svgs = new Map<string, string>();
  for (const file of checked.files) {
    const type = bundleFileType(file.path)!;
    if (type === 'svg') {
      const svg = sanitizeSvg(file.content, file.path);
      assertSafeSvg(svg, file.path);
      svgs.set(file.path, svg);
      images.set(file.path, dataUrl(bundleFileTypes.svg.contentType, Buffer.from(svg)));
    } else if (bundleFileTypes[type].binary) {
      const bytes = bundleFileBuffer(file);
      verifyImage(bytes, type, file.path);
      images.set(file.path, dataUrl(bundleFileTypes[type].contentType, bytes));
    }
  }
  const resolverFor = (fromPath: string) => (url: string) => {
    const target = resolveBundleUrl(url, fromPath);
    return target === undefined ? undefined : images.get(target);
  };

  const stylesheets = new Map<string, string>();
  for (const file of checked.files) {
    if (bundleFileType(file.path) !== 'css') continue;
    const css = sanitizeStylesheet(file.content, { resolveUrl: resolverFor(file.path) });
    assertSafeStylesheet(css, file.path);
    stylesheets.set(file.path, css);
  }

  const files = checked.files.map((file): BundleFile => {
    switch (bundleFileType(file.path)) {
      case 'html': {
        const inlineStylesheets = linkedStylesheets(file.content, file.path).flatMap(
          (path) => stylesheets.get(path) ?? [],
        );
        const content = sanitizeHtmlDocument(file.content, { inlineStylesheets, resolveUrl: resolverFor(file.path) });
        assertNoActiveContent(content, file.path);
        return { path: file.path, content };
      }
      case 'css':
        return { path: file.path, content: stylesheets.get(file.path) ?? '' };
      case 'svg':
        return { path: file.path, content: svgs.get(file.path) ?? '' };
      default:
        return file;
    }
  });
  return { ...checked, files };
}

/** The bundle rules of shared/bundle.ts, as an UnsafeBundleError naming what is wrong. */
function checkBundleRules(bundle: Bundle): Bundle {
  const parsed = bundleSchema.safeParse(bundle);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'bundle'}: ${issue.message}`);
  throw new UnsafeBundleError(`the bundle breaks the publishing rules: ${problems.join('; ')}`, {
    reason: 'breaksRules',
  });
}

function dataUrl(contentType: string, bytes: Buffer): string {
  return `data:${contentType};base64,${bytes.toString('base64')}`;
}

/** Bundle paths of the stylesheets a page links, in order, resolved against the page's own folder. */
function linkedStylesheets(html: string, pagePath: string): string[] {
  const paths: string[] = [];
  forEachElement(parse(html), (element) => {
    if (element.tagName !== 'link') return;
    const rel = (getAttribute(element, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = getAttribute(element, 'href');
    if (!rel.includes('stylesheet') || !href) return;
    const path = resolveBundleUrl(href, pagePath);
    if (path !== undefined && !paths.includes(path)) paths.push(path);
  });
  return paths;
}
