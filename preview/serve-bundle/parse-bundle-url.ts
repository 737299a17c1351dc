import { bundleFileType, bundlePathPattern } from '../../shared/bundle.ts';
import { previewIdPattern, versionPattern, versionsDirName } from '../../shared/previews/index.ts';

/** What a request asks for, once it passed the same rules the worker writes bundles by. */
export type BundleRequest =
  /** A file of one version: `latest` for the plain preview URL, n for `…/v/<n>/…`. */
  | { kind: 'file'; previewId: string; version: number | 'latest'; filePath: string }
  /**
   * `/p/<id>` or `…/v/<n>` alone: relative links in a page only resolve inside its own folder, so
   * the browser is sent to `location`, the same URL with the slash.
   */
  | { kind: 'add-trailing-slash'; previewId: string; location: string };

/** `/v/<anything>` and what follows it inside a preview. */
const versionedPath = new RegExp(`^/${versionsDirName}/([^/]*)(/.*)?$`);

/** The worker's schema caps bundle paths at 200 characters; anything longer cannot exist. */
const maxFilePathChars = 200;

/**
 * Path mode: maps a raw request URL (still percent-encoded, query included) to a bundle request,
 * or null for anything that cannot name a bundle file. Nothing is decoded: valid bundle URLs never
 * need escapes. `/p/<id>/…` is the latest version, `/p/<id>/v/<n>/…` version n. A path ending in
 * `/` means that folder's index.html — inside the version only.
 */
export function parseBundleUrl(url: string): BundleRequest | null {
  const match = /^\/p\/([^/]+)(\/.*)?$/.exec(pathnameOf(url));
  if (!match) return null;
  const [, previewId = '', rest] = match;
  if (!previewIdPattern.test(previewId)) return null;
  if (rest === undefined) return { kind: 'add-trailing-slash', previewId, location: `/p/${previewId}/` };
  return parseInsidePreview(previewId, rest, `/p/${previewId}`);
}

/**
 * Subdomain mode: the preview is the first label of the Host header, `<previewId>.<previewHost>`
 * (port ignored, case-insensitive), and the whole path is inside it: `/…` the latest version,
 * `/v/<n>/…` version n. Any other host — the bare preview domain, a deeper or foreign name —
 * names no preview.
 */
export function parseSubdomainUrl(url: string, host: string | undefined, previewHost: string): BundleRequest | null {
  const hostname = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  const suffix = `.${previewHost.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) return null;
  const previewId = hostname.slice(0, -suffix.length);
  if (!previewIdPattern.test(previewId)) return null;
  return parseInsidePreview(previewId, pathnameOf(url), '');
}

/**
 * `rest` is the path inside the preview, `previewBase` the URL path the preview sits at. A bundle
 * never has a `v/` folder of its own (shared/bundle.ts), so `/v/…` is a version or nothing.
 */
function parseInsidePreview(previewId: string, rest: string, previewBase: string): BundleRequest | null {
  const versioned = versionedPath.exec(rest);
  if (!versioned) {
    const filePath = toFilePath(rest);
    return filePath === null ? null : { kind: 'file', previewId, version: 'latest', filePath };
  }
  const [, version = '', inside] = versioned;
  if (!versionPattern.test(version)) return null;
  if (inside === undefined)
    return { kind: 'add-trailing-slash', previewId, location: `${previewBase}/${versionsDirName}/${version}/` };
  const filePath = toFilePath(inside);
  return filePath === null ? null : { kind: 'file', previewId, version: Number(version), filePath };
}

function pathnameOf(url: string): string {
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

/** `/…` inside a version → its file path (`/` → index.html), or null when no bundle file can have it. */
function toFilePath(rest: string): string | null {
  if (!rest.startsWith('/')) return null;
  let filePath = rest.slice(1);
  if (filePath === '' || filePath.endsWith('/')) filePath += 'index.html';
  if (filePath.length > maxFilePathChars || !bundlePathPattern.test(filePath)) return null;
  // Only the file types a bundle may hold are ever served, whatever else is on the volume.
  return bundleFileType(filePath) === undefined ? null : filePath;
}
