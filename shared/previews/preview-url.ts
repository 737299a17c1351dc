import { versionsDirName } from './versions.ts';

/**
 * Where previews live on the preview origin (PREVIEW_HOST_MODE): `path` puts every preview under
 * `<base>/p/<id>/` on one origin; `subdomain` gives each its own origin, `https://<id>.<base host>/`.
 */
export type PreviewHostMode = 'path' | 'subdomain';
export const previewHostModes = ['path', 'subdomain'] as const satisfies readonly PreviewHostMode[];

/**
 * The public link to a preview: its latest version, or with `version` that version for good
 * (`…/v/<n>/`). `baseUrl` is PREVIEW_BASE_URL without a trailing slash.
 */
export function previewUrl(
  baseUrl: string,
  previewId: string,
  hostMode: PreviewHostMode = 'path',
  version?: number,
): string {
  const versionPath = version === undefined ? '' : `${versionsDirName}/${version}/`;
  if (hostMode === 'path') return `${baseUrl}/p/${previewId}/${versionPath}`;
  // The base URL names a domain in this mode (config checks it), so the id is a label in front of it.
  const { protocol, host } = new URL(baseUrl);
  return `${protocol}//${previewId}.${host}/${versionPath}`;
}
