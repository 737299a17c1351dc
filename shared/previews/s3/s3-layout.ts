import { z } from 'zod';
import { bundlePathPattern } from '../../bundle.ts';
import { versionPattern, versionsDirName } from '../versions.ts';

/**
 * How previews sit in the bucket (PREVIEW_STORAGE=s3), every key under S3_PREFIX:
 *
 *   index/<id>                            an empty object: the preview exists. Written before its first
 *                                         files and removed after its last, so listing `index/` finds every
 *                                         preview with anything stored, a page of 1,000 at a time
 *   previews/<id>/files/<upload>/<path>   a version's files, written first; `upload` is a fresh random
 *                                         id per publish, so no object is ever overwritten
 *   previews/<id>/claims/<n>/<upload>     an empty object: this publish's claim on number n
 *   previews/<id>/v/<n>.json              the manifest of version n, written last: the version exists
 *                                         from the moment it does (an immutable object, like the files)
 *   gone/<id>                             an empty object, the tombstone of a removed preview
 *
 * A reader lists `previews/<id>/v/` and reads the manifests; it never lists files, so an upload
 * whose manifest was not written (a crash, a lost race) is invisible, and the sweep removes it.
 */
export function s3Layout(prefix: string) {
  const preview = (id: string) => `${prefix}previews/${id}/`;
  const index = `${prefix}index/`;
  return {
    index,
    indexEntry: (id: string) => `${index}${id}`,
    idOfIndexEntry: (key: string) => key.slice(index.length),
    preview,
    manifests: (id: string) => `${preview(id)}${versionsDirName}/`,
    manifest: (id: string, version: number) => `${preview(id)}${versionsDirName}/${version}.json`,
    /** The version a manifest key names, or undefined for any other key. */
    versionOfManifest(id: string, key: string): number | undefined {
      const name = key.slice(`${preview(id)}${versionsDirName}/`.length);
      const match = /^([0-9]+)\.json$/.exec(name);
      return match && versionPattern.test(match[1]!) ? Number(match[1]) : undefined;
    },
    files: (id: string) => `${preview(id)}files/`,
    upload: (id: string, upload: string) => `${preview(id)}files/${upload}/`,
    file: (id: string, upload: string, filePath: string) => `${preview(id)}files/${upload}/${filePath}`,
    /** The upload a file key belongs to, or undefined for any other key. */
    uploadOfFile(id: string, key: string): string | undefined {
      const rest = key.slice(`${preview(id)}files/`.length);
      return key.startsWith(`${preview(id)}files/`) && rest.includes('/')
        ? rest.slice(0, rest.indexOf('/'))
        : undefined;
    },
    claims: (id: string) => `${preview(id)}claims/`,
    claimsOn: (id: string, version: number) => `${preview(id)}claims/${version}/`,
    claim: (id: string, version: number, upload: string) => `${preview(id)}claims/${version}/${upload}`,
    /** The number a claim key is on, or undefined for any other key. */
    versionOfClaim(id: string, key: string): number | undefined {
      const match = /^([0-9]+)\//.exec(key.slice(`${preview(id)}claims/`.length));
      return match && versionPattern.test(match[1]!) ? Number(match[1]) : undefined;
    },
    tombstone: (id: string) => `${prefix}gone/${id}`,
  };
}

export type S3Layout = ReturnType<typeof s3Layout>;

/** What a manifest holds: enough to serve, zip and size the version without listing its files. */
export const manifestSchema = z.object({
  version: z.number().int().positive(),
  /** The folder of its files: `previews/<id>/files/<upload>/`. */
  upload: z.string().regex(/^[a-z2-7]{26}$/),
  publishedAt: z.iso.datetime(),
  /** The preview's expiry as of this version (never earlier than the one before it). */
  expiresAt: z.iso.datetime(),
  files: z.array(z.object({ path: z.string().regex(bundlePathPattern), bytes: z.number().int().nonnegative() })),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** A manifest's bytes as stored, or undefined when they are not one (it is then no version: we never wrote it). */
export function parseManifest(bytes: Buffer): Manifest | undefined {
  try {
    return manifestSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    return undefined;
  }
}
