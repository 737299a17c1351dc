import type { BundleFileType } from '../../shared/bundle.ts';
import { UnsafeBundleError } from '../../shared/errors.ts';

/**
 * The first bytes each binary image type must start with. A browser sniffs images by content, and
 * the preview serves them with nosniff under the extension's type; checking the signature makes
 * sure a `.png` is a PNG and not, say, HTML hoping to be rendered as a page somewhere.
 */
const SIGNATURES: Partial<Record<BundleFileType, (bytes: Buffer) => boolean>> = {
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpg: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  webp: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  ico: (b) => b.subarray(0, 4).equals(Buffer.from([0x00, 0x00, 0x01, 0x00])),
};

/** Throws UnsafeBundleError unless `bytes` really is an image of `type` (png, jpg, webp, ico). */
export function verifyImage(bytes: Buffer, type: BundleFileType, path: string): void {
  const matches = SIGNATURES[type];
  if (!matches) throw new UnsafeBundleError(`${path}: .${type} is not a binary image type`);
  if (!matches(bytes))
    throw new UnsafeBundleError(`${path} is not a ${type.toUpperCase()} image (its first bytes do not match)`);
}
