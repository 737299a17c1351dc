import type { PreviewStorageConfig } from '../config/index.ts';
import { openFsStorage } from './fs/fs-storage.ts';
import { openS3Storage } from './s3/s3-storage.ts';
import type { PreviewStorage } from './storage.ts';

/**
 * The preview storage PREVIEW_STORAGE names, ready to use: the folder created when missing, or the
 * bucket checked (a missing bucket throws a ConfigError with one line; entry points print it and
 * exit, shared/config's exitOnConfigError).
 */
export function openPreviewStorage(config: PreviewStorageConfig): Promise<PreviewStorage> {
  return config.kind === 's3' ? openS3Storage(config) : openFsStorage(config.dir);
}

/** Where the previews are, for a startup log line: never a credential. */
export function describePreviewStorage(config: PreviewStorageConfig): Record<string, string> {
  if (config.kind === 'fs') return { storage: 'fs', previewsDir: config.dir };
  return {
    storage: 's3',
    endpoint: config.endpoint ?? `AWS S3 (${config.region})`,
    bucket: config.bucket,
    ...(config.prefix ? { prefix: config.prefix } : {}),
  };
}
