import { bundleFileType, bundlePathPattern, previewIdPattern } from '../../shared/bundle.ts';

/** What a request asks for, once it passed the same rules the worker writes bundles by. */
export type BundleRequest =
  | { kind: 'file'; previewId: string; filePath: string }
  /** `/p/<id>` alone: relative links in the page only resolve under `/p/<id>/`. */
  | { kind: 'add-trailing-slash'; previewId: string };

/** The worker's schema caps bundle paths at 200 characters; anything longer cannot exist. */
const maxFilePathChars = 200;

/**
 * Path mode: maps a raw request URL (still percent-encoded, query included) to a bundle request,
 * or null for anything that cannot name a bundle file. Nothing is decoded: valid bundle URLs never
 * need escapes. A path ending in `/` means that folder's index.html — inside the bundle only.
 */
export function parseBundleUrl(url: string): BundleRequest | null {
  const match = /^\/p\/([^/]+)(\/.*)?$/.exec(pathnameOf(url));
  if (!match) return null;
  const [, previewId = '', rest] = match;
  if (!previewIdPattern.test(previewId)) return null;
  if (rest === undefined) return { kind: 'add-trailing-slash', previewId };
  const filePath = toFilePath(rest);
  return filePath === null ? null : { kind: 'file', previewId, filePath };
}

/**
 * Subdomain mode: the preview is the first label of the Host header, `<previewId>.<previewHost>`
 * (port ignored, case-insensitive), and the whole path is inside its bundle. Any other host —
 * the bare preview domain, a deeper or foreign name — names no bundle.
 */
export function parseSubdomainUrl(url: string, host: string | undefined, previewHost: string): BundleRequest | null {
  const hostname = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  const suffix = `.${previewHost.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) return null;
  const previewId = hostname.slice(0, -suffix.length);
  if (!previewIdPattern.test(previewId)) return null;
  const filePath = toFilePath(pathnameOf(url));
  return filePath === null ? null : { kind: 'file', previewId, filePath };
}

function pathnameOf(url: string): string {
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

/** `/…` inside a bundle → its file path (`/` → index.html), or null when no bundle file can have it. */
function toFilePath(rest: string): string | null {
  if (!rest.startsWith('/')) return null;
  let filePath = rest.slice(1);
  if (filePath === '' || filePath.endsWith('/')) filePath += 'index.html';
  if (filePath.length > maxFilePathChars || !bundlePathPattern.test(filePath)) return null;
  // Only the file types a bundle may hold are ever served, whatever else is on the volume.
  return bundleFileType(filePath) === undefined ? null : filePath;
}
