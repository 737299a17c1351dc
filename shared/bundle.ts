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

const typesByExtension = new Map(Object.keys(bundleFileTypes).map((type) => [type, type as BundleFileType]));

/** The file type of a bundle path by its extension, or undefined when the type is not allowed. */
export function bundleFileType(path: string): BundleFileType | undefined {
  // Called for every file several times per job: a slice and a map, not a regular expression.
  const dot = path.lastIndexOf('.');
  return dot === -1 ? undefined : typesByExtension.get(path.slice(dot + 1));
}

const allowedExtensions = Object.keys(bundleFileTypes)
  .map((extension) => `.${extension}`)
  .join(', ');

export const bundleFileSchema = z.object({
  path: z.string().max(200),
  content: z.string(),
  /** How `content` is written: UTF-8 text (the default) or base64 for the binary image types. */
  encoding: z.enum(['utf8', 'base64']).optional(),
});

/** One broken rule: where (as a zod issue path) and what, in words a model or an operator can act on. */
export interface RuleProblem {
  path: (string | number)[];
  message: string;
  /** Set for the size rule: a bundle past it stays too big however often it is asked for. */
  tooBig?: true;
}

/**
 * Every publishing rule a bundle's files break, in order: per file, its path and encoding; then the
 * files as a whole (count, index.html, unique paths, size). `bundleSchema` applies them to anything
 * from outside; the sanitizer applies them again to what it is given, without the schema's parse.
 * Plain code rather than zod refinements: they are checked three times per job (answer, sanitizer,
 * writer), and refinements cost several times the parse itself.
 */
export function bundleRuleProblems(bundle: { files: readonly Pick<BundleFile, 'path' | 'content' | 'encoding'>[] }) {
  const problems: RuleProblem[] = [];
  const files = bundle.files;
  if (files.length > maxBundleFiles)
    problems.push({ path: ['files'], message: `at most ${maxBundleFiles} files per site` });
  const paths = new Set<string>();
  let index = false;
  for (let i = 0; i < files.length; i++) {
    const { path, encoding, content } = files[i]!;
    if (!bundlePathPattern.test(path))
      problems.push({ path: ['files', i, 'path'], message: 'file names use a-z 0-9 - _ . in at most two folders' });
    if (path.includes('..') && path.split('/').includes('..'))
      problems.push({ path: ['files', i, 'path'], message: 'no ".." segments' });
    // `/p/<id>/v/<n>/` is where the preview serves version n (shared/previews/versions.ts).
    if (path.startsWith(`${versionsDirName}/`))
      problems.push({
        path: ['files', i, 'path'],
        message: `the folder "${versionsDirName}/" is reserved for the site's versions; use another folder name`,
      });
    const type = bundleFileType(path);
    if (type === undefined) {
      problems.push({ path: ['files', i, 'path'], message: `only ${allowedExtensions} files can be published` });
    } else {
      const base64 = encoding === 'base64';
      if (bundleFileTypes[type].binary && !base64)
        problems.push({ path: ['files', i, 'encoding'], message: `a .${type} file must be sent base64-encoded` });
      if (!bundleFileTypes[type].binary && base64)
        problems.push({ path: ['files', i, 'encoding'], message: `a .${type} file is text, not base64` });
      if (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(content))
        problems.push({ path: ['files', i, 'content'], message: 'not valid base64' });
    }
    if (path === 'index.html') index = true;
    // One file cannot repeat a path: no set needed for the usual one-page bundle.
    if (files.length > 1) paths.add(path);
  }
  if (!index) problems.push({ path: ['files'], message: 'a bundle needs an index.html' });
  if (files.length > 1 && paths.size !== files.length)
    problems.push({ path: ['files'], message: 'file paths must be unique' });
  if (filesExceed(files, maxBundleBytes))
    problems.push({
      path: ['files'],
      message: `the files add up to more than ${maxBundleBytes / 1024 / 1024} MiB`,
      tooBig: true,
    });
  return problems;
}

/** What a provider answer becomes; its files are published as one version of a preview (shared/previews/). */
export const bundleSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(1000).default(''),
    files: z.array(bundleFileSchema).min(1),
  })
  .check((ctx) => {
    for (const { path, message } of bundleRuleProblems(ctx.value))
      ctx.issues.push({ code: 'custom', message, path, input: ctx.value });
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

/**
 * Whether files add up to more than `limitBytes` on disk. Counting UTF-8 bytes takes a pass over
 * every text, but a text of n characters takes at most 3n bytes, so most bundles are settled by
 * their lengths alone.
 */
export function filesExceed(files: readonly Pick<BundleFile, 'content' | 'encoding'>[], limitBytes: number): boolean {
  let atMost = 0;
  for (const file of files) atMost += file.encoding === 'base64' ? bundleFileBytes(file) : file.content.length * 3;
  if (atMost <= limitBytes) return false;
  let bytes = 0;
  for (const file of files) bytes += bundleFileBytes(file);
  return bytes > limitBytes;
}
