import { bundleFileBuffer, bundleFileBytes, bundleSchema, type Bundle } from '../../shared/bundle.ts';
import { UnsafeBundleError } from '../../shared/errors.ts';
import type { PreviewStorage, PublishedVersion, PublishOptions } from '../../shared/previews/index.ts';

/**
 * Publishes a bundle as the next version of a preview, or as version 1 of a new one, through the
 * preview storage (atomically: readers see all of it or nothing, shared/previews/storage.ts). The
 * bundle rules (file types, count, size) are checked again first, so nothing that breaks them is
 * ever stored, whoever built the bundle. Adding to a preview that expired or was deleted throws
 * VersionGoneError: the sweep owns it now, and a version written into it would vanish.
 */
export async function publishVersion(
  storage: PreviewStorage,
  bundle: Bundle,
  options: PublishOptions,
): Promise<PublishedVersion & { bytes: number }> {
  const checked = checkBundleRules(bundle);
  const files = checked.files.map((file) => ({ path: file.path, bytes: bundleFileBuffer(file) }));
  return { ...(await storage.publishVersion(files, options)), bytes: bundleStoredBytes(checked) };
}

/** What a version takes in storage: its files together (as VersionSummary.bytes counts them). */
export function bundleStoredBytes(bundle: Bundle): number {
  return bundle.files.reduce((sum, file) => sum + bundleFileBytes(file), 0);
}

function checkBundleRules(bundle: Bundle): Bundle {
  const checked = bundleSchema.safeParse(bundle);
  if (checked.success) return checked.data;
  const problems = checked.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'bundle'}: ${issue.message}`);
  throw new UnsafeBundleError(`the bundle breaks the publishing rules: ${problems.join('; ')}`, { reason: 'tooBig' });
}
