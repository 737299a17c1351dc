import {
  bundleFileBuffer,
  bundleFileBytes,
  bundleFileType,
  bundleFileTypes,
  bundleRuleProblems,
  type Bundle,
  type BundleFile,
  type BundleFileType,
} from '../../shared/bundle.ts';
import { BundleTooBigError, UnsafeBundleError } from '../../shared/errors.ts';
import { assertNoActiveContent, assertSafeStylesheet, assertSafeSvg } from './assert-no-active-content.ts';
import { BundleLinks } from './bundle-links.ts';
import { sanitizeStylesheet } from './sanitize-css.ts';
import { sanitizeHtmlDocument } from './sanitize-html-document.ts';
import { sanitizeSvg } from './sanitize-svg.ts';
import { assertPublishable, SizeBudget } from './size-budget.ts';
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
 *
 * Inlining repeats files, so everything written is charged to `budget` (the bundle limit, 2 MiB)
 * as it is built: a bundle that would grow past it fails with BundleTooBigError (final, not
 * retried) before it takes more memory than that.
 */
export function sanitizeBundle(bundle: Bundle, budget: SizeBudget = new SizeBudget()): Bundle {
  checkBundleRules(bundle);
  const { files } = bundle;
  const types: BundleFileType[] = [];
  for (const file of files) types.push(bundleFileType(file.path)!);
  const links = new BundleLinks(budget);
  const sanitized: BundleFile[] = files.slice();

  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const type = types[i]!;
    if (type === 'svg') {
      const svg = sanitizeSvg(file.content, file.path, budget);
      assertSafeSvg(svg, file.path);
      sanitized[i] = { path: file.path, content: svg };
      links.images.set(file.path, dataUrl(bundleFileTypes.svg.contentType, Buffer.from(svg)));
    } else if (bundleFileTypes[type].binary) {
      budget.spend(bundleFileBytes(file), file.path);
      const bytes = bundleFileBuffer(file);
      verifyImage(bytes, type, file.path);
      links.images.set(file.path, dataUrl(bundleFileTypes[type].contentType, bytes));
    } else if (type === 'txt') {
      budget.spend(file.content.length, file.path);
    }
  }

  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (types[i] !== 'css') continue;
    const css = sanitizeStylesheet(file.content, links.from(file.path));
    budget.spend(css.length, file.path);
    assertSafeStylesheet(css, file.path);
    links.stylesheets.set(file.path, css);
    sanitized[i] = { path: file.path, content: css };
  }

  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (types[i] !== 'html') continue;
    const content = sanitizeHtmlDocument(file.content, links.from(file.path));
    assertNoActiveContent(content, file.path);
    sanitized[i] = { path: file.path, content };
  }

  assertPublishable(sanitized);
  return { ...bundle, files: sanitized };
}

/**
 * The bundle rules of shared/bundle.ts, as an error naming what is wrong: BundleTooBigError (final)
 * when the files are too big already, UnsafeBundleError otherwise.
 */
function checkBundleRules(bundle: Bundle): void {
  const problems = bundleRuleProblems(bundle);
  if (problems.length === 0) return;
  const named = problems.slice(0, 3).map(({ path, message }) => `${path.join('.')}: ${message}`);
  const message = `the bundle breaks the publishing rules: ${named.join('; ')}`;
  if (problems.some((problem) => problem.tooBig)) throw new BundleTooBigError(message);
  throw new UnsafeBundleError(message, { reason: 'breaksRules' });
}

function dataUrl(contentType: string, bytes: Buffer): string {
  return `data:${contentType};base64,${bytes.toString('base64')}`;
}
