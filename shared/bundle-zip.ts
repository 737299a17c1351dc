import { lstat } from 'node:fs/promises';
import { zipSync, type Zippable } from 'fflate';
import { bundleFileType, bundleFileTypes } from './bundle.ts';
import { openVersionDir, readVersionFiles } from './read-version.ts';

/** The folder the files unpack into: `site-v<n>/`. Not the preview id: a forwarded zip must not hand out the link. */
export function zipFolderName(version: number): string {
  return `site-v${version}`;
}

/**
 * One version of a preview as a .zip (for the chat's download button): its files under
 * `site-v<n>/`, dated when the version was published. Pages, stylesheets and text are deflated;
 * images, compressed already, are stored as they are. Throws VersionGoneError (shared/read-version.ts)
 * when there is no such version. Bundles are at most 2 MiB, so this is built in memory.
 */
export async function zipVersion(previewsDir: string, previewId: string, version: number): Promise<Buffer> {
  const files = await readVersionFiles(previewsDir, previewId, version);
  // The version folder was made while the version was written, and is never changed afterwards.
  const publishedAt = (await lstat(await openVersionDir(previewsDir, previewId, version))).mtime;
  const folder = zipFolderName(version);
  const entries: Zippable = {};
  for (const file of files) {
    const binary = bundleFileTypes[bundleFileType(file.path)!].binary;
    entries[`${folder}/${file.path}`] = [file.bytes, { level: binary ? 0 : 6 }];
  }
  const zip = zipSync(entries, { mtime: publishedAt });
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
