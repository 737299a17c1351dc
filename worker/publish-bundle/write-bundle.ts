import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleFileBuffer, bundleSchema, newPreviewId, type Bundle } from '../../shared/bundle.ts';
import { UnsafeBundleError } from '../../shared/errors.ts';
import { previewMetaFileName, type PreviewMeta } from '../../shared/preview-lifecycle.ts';

export interface WriteBundleOptions {
  /** When the preview stops being served (410); recorded in the bundle folder as `.meta.json`. */
  expiresAt: Date;
}

/**
 * Writes a bundle so that readers see all of it or nothing: files go into a hidden temp folder
 * (`.tmp-…`, never served) and one rename makes it `PREVIEWS_DIR/<previewId>/`. On any failure the
 * temp folder is removed. The bundle rules (file types, count, size) are checked again first, so
 * nothing that breaks them is ever written, whoever built the bundle. Returns the new preview id.
 */
export async function writeBundle(previewsDir: string, bundle: Bundle, options: WriteBundleOptions): Promise<string> {
  const checked = bundleSchema.safeParse(bundle);
  if (!checked.success) {
    const problems = checked.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'bundle'}: ${issue.message}`);
    throw new UnsafeBundleError(`the bundle breaks the publishing rules: ${problems.join('; ')}`, {
      userMessage: 'The generated site is too big or holds files we cannot publish (at most 20 files and 2 MB, images included).',
    });
  }
  const root = path.resolve(previewsDir);
  await mkdir(root, { recursive: true });
  const previewId = newPreviewId();
  const staging = path.join(root, `.tmp-${previewId}`);
  await mkdir(staging);
  try {
    for (const file of checked.data.files) {
      const target = path.resolve(staging, file.path);
      // The schema already forbids `..`; this keeps the writer safe even if that rule ever changes.
      if (!target.startsWith(staging + path.sep)) throw new UnsafeBundleError(`bundle path escapes the bundle: ${file.path}`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bundleFileBuffer(file), { flag: 'wx' });
    }
    const meta: PreviewMeta = { expiresAt: options.expiresAt.toISOString() };
    await writeFile(path.join(staging, previewMetaFileName), JSON.stringify(meta), { flag: 'wx' });
    await rename(staging, path.join(root, previewId));
    return previewId;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
