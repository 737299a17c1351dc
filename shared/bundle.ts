import { z } from 'zod';
import { versionsDirName } from './previews/versions.ts';

/**
 * A bundle file path: lowercase names from [a-z0-9-_.], at most two folder levels, no dot-files,
 * no `..`. The same rule guards the writer (worker) and the reader (preview).
 */
export const bundlePathPattern = /^(?:[a-z0-9_-][a-z0-9_.-]*\/){0,2}[a-z0-9_-][a-z0-9_.-]*$/;

/**
 * The only file types a bundle may hold, with the Content-Type the preview serves them as.
 * `binary` types travel base64-encoded in the JSON bundle (`encoding: 'base64'`); the others are
 * UTF-8 text. `.svg` is sanitized like a page and shown only as an image.
 */
export const bundleFileTypes = {
  html: { contentType: 'text/html; charset=utf-8', binary: false },
  css: { contentType: 'text/css; charset=utf-8', binary: false },
  svg: { contentType: 'image/svg+xml', binary: false },
  txt: { contentType: 'text/plain; charset=utf-8', binary: false },
  png: { contentType: 'image/png', binary: true },
  jpg: { contentType: 'image/jpeg', binary: true },
  webp: { contentType: 'image/webp', binary: true },
  ico: { contentType: 'image/x-icon', binary: true },
} as const;

export type BundleFileType = keyof typeof bundleFileTypes;

/** At most this many files per bundle. */
export const maxBundleFiles = 20;
/** At most this many bytes per bundle, all files together (decoded, as stored): 2 MiB. */
export const maxBundleBytes = 2 * 1024 * 1024;

/** The file type of a bundle path by its extension, or undefined when the type is not allowed. */
export function bundleFileType(path: string): BundleFileType | undefined {
  const extension = /\.([a-z0-9]+)$/.exec(path)?.[1];
  return extension !== undefined && Object.hasOwn(bundleFileTypes, extension)
    ? (extension as BundleFileType)
    : undefined;
}

const allowedExtensions = Object.keys(bundleFileTypes)
  .map((extension) => `.${extension}`)
  .join(', ');

export const bundleFileSchema = z
  .object({
    path: z
      .string()
      .max(200)
      .regex(bundlePathPattern, 'file names use a-z 0-9 - _ . in at most two folders')
      .refine((p) => !p.split('/').includes('..'), 'no ".." segments')
      // `/p/<id>/v/<n>/` is where the preview serves version n (shared/previews/versions.ts).
      .refine(
        (p) => !p.startsWith(`${versionsDirName}/`),
        `the folder "${versionsDirName}/" is reserved for the site's versions; use another folder name`,
      )
      .refine((p) => bundleFileType(p) !== undefined, `only ${allowedExtensions} files can be published`),
    content: z.string(),
    /** How `content` is written: UTF-8 text (the default) or base64 for the binary image types. */
    encoding: z.enum(['utf8', 'base64']).optional(),
  })
  .superRefine((file, ctx) => {
    const type = bundleFileType(file.path);
    if (!type) return;
    const base64 = file.encoding === 'base64';
    if (bundleFileTypes[type].binary && !base64)
      ctx.addIssue({ code: 'custom', path: ['encoding'], message: `a .${type} file must be sent base64-encoded` });
    if (!bundleFileTypes[type].binary && base64)
      ctx.addIssue({ code: 'custom', path: ['encoding'], message: `a .${type} file is text, not base64` });
    if (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(file.content))
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'not valid base64' });
  });

/** What a provider answer becomes; its files are published as one version of a preview (shared/previews/). */
export const bundleSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(1000).default(''),
    files: z.array(bundleFileSchema).min(1).max(maxBundleFiles, `at most ${maxBundleFiles} files per site`),
  })
  .refine((b) => b.files.some((f) => f.path === 'index.html'), {
    message: 'a bundle needs an index.html',
    path: ['files'],
  })
  .refine((b) => new Set(b.files.map((f) => f.path)).size === b.files.length, {
    message: 'file paths must be unique',
    path: ['files'],
  })
  .refine((b) => b.files.reduce((total, file) => total + bundleFileBytes(file), 0) <= maxBundleBytes, {
    message: `the files add up to more than ${maxBundleBytes / 1024 / 1024} MiB`,
    path: ['files'],
  });

export type Bundle = z.infer<typeof bundleSchema>;
export type BundleFile = z.infer<typeof bundleFileSchema>;

/** A file's content as the bytes stored. */
export function bundleFileBuffer(file: Pick<BundleFile, 'content' | 'encoding'>): Buffer {
  return Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8');
}

/** Size as stored, without decoding base64 (3 bytes per 4 characters, minus padding). */
export function bundleFileBytes(file: Pick<BundleFile, 'content' | 'encoding'>): number {
  if (file.encoding !== 'base64') return Buffer.byteLength(file.content, 'utf8');
  const padding = file.content.endsWith('==') ? 2 : file.content.endsWith('=') ? 1 : 0;
  return Math.floor((file.content.length * 3) / 4) - padding;
}
