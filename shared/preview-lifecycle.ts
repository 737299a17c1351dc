import { z } from 'zod';

/**
 * How a preview's end of life is recorded on the previews volume, so the preview service (which has
 * the volume read-only and no database) can answer 410 on its own. Both names start with a dot,
 * and the preview never serves dotfiles.
 *
 *   PREVIEWS_DIR/<previewId>/.meta.json   written by the worker with the bundle: { "expiresAt": ISO time }
 *   PREVIEWS_DIR/.gone/<previewId>        an empty file, left by the sweep when it deleted the bundle
 */

export const previewMetaFileName = '.meta.json';
export const tombstoneDirName = '.gone';

export const previewMetaSchema = z.object({
  /** From then on the preview answers 410, whether or not the sweep removed the files yet. */
  expiresAt: z.iso.datetime(),
});

export type PreviewMeta = z.infer<typeof previewMetaSchema>;
