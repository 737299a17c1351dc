import { zipSync, type Zippable } from 'fflate';
import { bundleFileType, bundleFileTypes } from '../bundle.ts';
import type { PreviewStorage } from './storage.ts';

/** The folder the files unpack into: `site-v<n>/`. Not the preview id: a forwarded zip must not hand out the link. */
export function zipFolderName(version: number): string {
  return `site-v${version}`;
}

/**
 * One version of a preview as a .zip (for the chat's download button): its files under
 * `site-v<n>/`, dated when the version was published. Pages, stylesheets and text are deflated;
 * images, compressed already, are stored as they are. Throws VersionGoneError (version-gone-error.ts)
 * when there is no such version. Bundles are at most 2 MiB, so this is built in memory.
 */
export async function zipVersion(storage: PreviewStorage, previewId: string, version: number): Promise<Buffer> {
  const { publishedAt, files } = await storage.readVersion(previewId, version);
  const folder = zipFolderName(version);
  const entries: Zippable = {};
  for (const file of files) {
    const binary = bundleFileTypes[bundleFileType(file.path)!].binary;
    entries[`${folder}/${file.path}`] = [file.bytes, { level: binary ? 0 : 6 }];
  }
  const zip = zipSync(entries, { mtime: publishedAt });
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
