import { bundlePathPattern, previewIdPattern } from '../../shared/bundle.ts';

/** What a `/p/…` URL asks for, once it passed the same rules the worker writes bundles by. */
export type BundleRequest =
  | { kind: 'file'; previewId: string; filePath: string }
  /** `/p/<id>` alone: relative links in the page only resolve under `/p/<id>/`. */
  | { kind: 'add-trailing-slash'; previewId: string };

/** The worker's schema caps bundle paths at 200 characters; anything longer cannot exist. */
const maxFilePathChars = 200;

/**
 * Maps a raw request URL (still percent-encoded, query included) to a bundle request, or null for
 * anything that cannot name a bundle file. Nothing is decoded: valid bundle URLs never need escapes.
 * A path ending in `/` means that folder's index.html — inside the bundle only.
 */
export function parseBundleUrl(url: string): BundleRequest | null {
  const queryStart = url.indexOf('?');
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  const match = /^\/p\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match) return null;
  const [, previewId = '', rest] = match;
  if (!previewIdPattern.test(previewId)) return null;
  if (rest === undefined) return { kind: 'add-trailing-slash', previewId };

  let filePath = rest.slice(1);
  if (filePath === '' || filePath.endsWith('/')) filePath += 'index.html';
  if (filePath.length > maxFilePathChars || !bundlePathPattern.test(filePath)) return null;
  return { kind: 'file', previewId, filePath };
}
