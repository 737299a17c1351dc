import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newPreviewId, type Bundle } from '../../shared/bundle.ts';
import { UnsafeBundleError } from '../../shared/errors.ts';

/**
 * Writes a bundle so that readers see all of it or nothing: files go into a hidden temp folder
 * (`.tmp-…`, never served) and one rename makes it `PREVIEWS_DIR/<previewId>/`. On any failure the
 * temp folder is removed. Returns the new preview id.
 */
export async function writeBundle(previewsDir: string, bundle: Bundle): Promise<string> {
  const root = path.resolve(previewsDir);
  await mkdir(root, { recursive: true });
  const previewId = newPreviewId();
  const staging = path.join(root, `.tmp-${previewId}`);
  await mkdir(staging);
  try {
    for (const file of bundle.files) {
      const target = path.resolve(staging, file.path);
      // The schema already forbids `..`; this keeps the writer safe even if that rule ever changes.
      if (!target.startsWith(staging + path.sep)) throw new UnsafeBundleError(`bundle path escapes the bundle: ${file.path}`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content, { flag: 'wx' });
    }
    await rename(staging, path.join(root, previewId));
    return previewId;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
