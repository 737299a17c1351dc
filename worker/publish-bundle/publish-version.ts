import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleFileBuffer, bundleSchema, newPreviewId, previewIdPattern, type Bundle } from '../../shared/bundle.ts';
import { UnsafeBundleError } from '../../shared/errors.ts';
import { isPreviewGone, previewMetaFileName, type PreviewMeta } from '../../shared/preview-lifecycle.ts';
import { latestVersion, versionsDir, versionsDirName } from '../../shared/preview-versions.ts';
import { VersionGoneError } from '../../shared/read-version.ts';
import { extendExpiry } from './extend-expiry.ts';

export interface PublishVersionOptions {
  /** The preview to add a version to; unset: a new preview, whose first version is 1. */
  previewId?: string;
  /** When the preview stops being served (410). A new version moves it this far, never earlier. */
  expiresAt: Date;
}

export interface PublishedVersion {
  previewId: string;
  version: number;
}

/**
 * Publishes a bundle as the next version of a preview, or as version 1 of a new one, so that
 * readers see all of it or nothing: the files go into a hidden staging folder (`PREVIEWS_DIR/.tmp-…`,
 * never served) and one rename puts it in place — a new preview as a whole (`<id>/.meta.json` and
 * `<id>/v/1/`), a new version as `<id>/v/<n>/`. Two publishes to one preview at once get different
 * numbers: a rename onto a version folder that exists fails (it is never empty), and the loser takes
 * the next number. The bundle rules (file types, count, size) are checked again first, so nothing
 * that breaks them is ever written, whoever built the bundle; on any failure the staging folder is
 * removed. Adding to a preview that expired or was deleted throws VersionGoneError: the sweep owns
 * it now, and a version written into it would vanish.
 */
export async function publishVersion(
  previewsDir: string,
  bundle: Bundle,
  options: PublishVersionOptions,
): Promise<PublishedVersion> {
  const checked = checkBundleRules(bundle);
  if (options.previewId !== undefined && !previewIdPattern.test(options.previewId))
    throw new Error(`not a preview id: ${options.previewId}`);
  const root = path.resolve(previewsDir);
  await mkdir(root, { recursive: true });
  if (options.previewId !== undefined && (await isPreviewGone(root, options.previewId, new Date()))) {
    throw new VersionGoneError(`preview ${options.previewId} expired or was deleted; no new version`);
  }
  const staging = path.join(root, `.tmp-${newPreviewId()}`);
  try {
    if (options.previewId === undefined) {
      const previewId = newPreviewId();
      await writeFiles(path.join(staging, versionsDirName, '1'), checked);
      const meta: PreviewMeta = { expiresAt: options.expiresAt.toISOString() };
      await writeFile(path.join(staging, previewMetaFileName), JSON.stringify(meta), { flag: 'wx' });
      await rename(staging, path.join(root, previewId));
      return { previewId, version: 1 };
    }
    await writeFiles(staging, checked);
    const version = await renameToNextVersion(staging, root, options.previewId);
    await extendExpiry(path.join(root, options.previewId), options.expiresAt);
    return { previewId: options.previewId, version };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

function checkBundleRules(bundle: Bundle): Bundle {
  const checked = bundleSchema.safeParse(bundle);
  if (checked.success) return checked.data;
  const problems = checked.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'bundle'}: ${issue.message}`);
  throw new UnsafeBundleError(`the bundle breaks the publishing rules: ${problems.join('; ')}`, { reason: 'tooBig' });
}

/** Writes every file of the bundle under `dir` (created), refusing to overwrite anything. */
async function writeFiles(dir: string, bundle: Bundle): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of bundle.files) {
    const target = path.resolve(dir, file.path);
    // The schema already forbids `..`; this keeps the writer safe even if that rule ever changes.
    if (!target.startsWith(dir + path.sep)) throw new UnsafeBundleError(`bundle path escapes the bundle: ${file.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bundleFileBuffer(file), { flag: 'wx' });
  }
}

/**
 * Renames the finished staging folder to `<previewId>/v/<n>` for the first free n after the latest
 * version. Linux renames a folder onto an existing one only when that one is empty, and a version
 * folder never is (every bundle has an index.html), so a taken number fails with EEXIST/ENOTEMPTY
 * and the next one is tried. `v/` is never created here: if it is missing, so is the preview.
 */
async function renameToNextVersion(staging: string, root: string, previewId: string): Promise<number> {
  const dir = versionsDir(root, previewId);
  for (let version = ((await latestVersion(root, previewId)) ?? 0) + 1; ; version += 1) {
    try {
      await rename(staging, path.join(dir, String(version)));
      return version;
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? error.code : undefined;
      if (code === 'EEXIST' || code === 'ENOTEMPTY') continue;
      if (code === 'ENOENT')
        throw new VersionGoneError(`preview ${previewId} has no versions folder; no new version`, { cause: error });
      throw error;
    }
  }
}
