import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * A bundle file path: lowercase names from [a-z0-9-_.], at most two folder levels, no dot-files,
 * no `..`. The same rule guards the writer (worker) and the reader (preview).
 */
export const bundlePathPattern = /^(?:[a-z0-9_-][a-z0-9_.-]*\/){0,2}[a-z0-9_-][a-z0-9_.-]*$/;

export const bundleFileSchema = z.object({
  path: z
    .string()
    .max(200)
    .regex(bundlePathPattern, 'file names use a-z 0-9 - _ . in at most two folders')
    .refine((p) => !p.split('/').includes('..'), 'no ".." segments'),
  content: z.string(),
});

/** What a provider answer becomes, and what is written under PREVIEWS_DIR/<previewId>/. */
export const bundleSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(1000).default(''),
    files: z.array(bundleFileSchema).min(1).max(20),
  })
  .refine((b) => b.files.some((f) => f.path === 'index.html'), { message: 'a bundle needs an index.html', path: ['files'] })
  .refine((b) => new Set(b.files.map((f) => f.path)).size === b.files.length, { message: 'file paths must be unique', path: ['files'] });

export type Bundle = z.infer<typeof bundleSchema>;
export type BundleFile = z.infer<typeof bundleFileSchema>;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * 130 random bits as 26 lowercase base32 characters: unguessable, and safe both in a URL path and as
 * a DNS label (hostnames are case-insensitive, so no uppercase and no `_`).
 */
export function newPreviewId(): string {
  const bytes = randomBytes(26);
  let id = '';
  for (const byte of bytes) id += BASE32[byte & 31];
  return id;
}
export const previewIdPattern = /^[a-z2-7]{26}$/;

/** The public link to a preview. */
export function previewUrl(baseUrl: string, previewId: string): string {
  return `${baseUrl}/p/${previewId}/`;
}
