import { AppError } from '../errors.ts';

/**
 * The preview or the version asked for is not stored: never published, deleted, or removed with its
 * expired or deleted preview. Asking again will not bring it back.
 */
export class VersionGoneError extends AppError {
  readonly code = 'version_gone';
  readonly retryable = false;
  readonly userReason = 'versionGone';
}
