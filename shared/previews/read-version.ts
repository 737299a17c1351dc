import { bundleFileType, bundleFileTypes, type BundleFile } from '../bundle.ts';
import type { PreviewStorage } from './storage.ts';

/**
 * The files of version `version` of a preview, as a bundle holds them: text types as UTF-8, the
 * binary image types base64-encoded (shared/bundle.ts), sorted by path. Title and summary are not
 * stored with the files; the caller has them (the database) and adds them to make a Bundle. The
 * worker uses it to show a provider the site it revises, and to restore a version by publishing a
 * copy. Throws VersionGoneError when there is no such version.
 */
export async function readVersion(storage: PreviewStorage, previewId: string, version: number): Promise<BundleFile[]> {
  const { files } = await storage.readVersion(previewId, version);
  return files.map(({ path, bytes }): BundleFile =>
    bundleFileTypes[bundleFileType(path)!].binary
      ? { path, content: bytes.toString('base64'), encoding: 'base64' }
      : { path, content: bytes.toString('utf8') },
  );
}
