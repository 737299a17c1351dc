import { bundleFileBytes, filesExceed, maxBundleBytes, type BundleFile } from '../../shared/bundle.ts';
import { BundleTooBigError } from '../../shared/errors.ts';

/**
 * What a bundle may still publish while it is being built. Inlining repeats a file (an image
 * referenced five thousand times becomes five thousand data: URLs), so checking the size after
 * building would first have to hold the inflated pages in memory. Instead every piece of output is
 * charged as it is written, and an expansion (a data: URL put in place of a file name) is checked
 * against what is left before it is made: a hostile answer costs at most the limit, never what it
 * would grow to.
 *
 * Text is counted in UTF-16 code units (what it occupies in memory, and cheap to count); the
 * finished bundle is measured once more in UTF-8 bytes (`assertPublishable`), since that is what is
 * written to disk and a non-ASCII character takes up to three of them.
 */
export class SizeBudget {
  #spent = 0;

  constructor(readonly limitBytes: number = maxBundleBytes) {}

  /** Charges `units` of output for `what` (named in the error); throws BundleTooBigError past the limit. */
  spend(units: number, what: string): void {
    this.#spent += units;
    if (this.#spent > this.limitBytes) throw this.#tooBig(what);
  }

  /**
   * Throws BundleTooBigError unless `pendingUnits` more (output being built, charged once it is
   * written) still fit: called before each expansion, so none is made that could not be published.
   */
  ensureRoom(pendingUnits: number, what: string): void {
    if (this.#spent + pendingUnits > this.limitBytes) throw this.#tooBig(what);
  }

  #tooBig(what: string): BundleTooBigError {
    return new BundleTooBigError(`the site would publish more than ${this.limitBytes} bytes once built (at ${what})`);
  }
}

/** Throws BundleTooBigError when the built files, in bytes on disk, add up to more than the limit. */
export function assertPublishable(files: readonly BundleFile[], limitBytes: number = maxBundleBytes): void {
  if (!filesExceed(files, limitBytes)) return;
  const bytes = files.reduce((sum, file) => sum + bundleFileBytes(file), 0);
  throw new BundleTooBigError(`the built site is ${bytes} bytes, more than the ${limitBytes} a site may publish`);
}
